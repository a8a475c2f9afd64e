#!/usr/bin/python3
"""Trusted: a database owner who is not superuser installs and uses the
extension, and gains nothing by it.

Prefect's database role usually owns its database without being superuser.
flow_history.control says trusted = true, so CREATE EXTENSION runs the
scripts as the bootstrap superuser on that owner's behalf.  Checked here, for
every version's scripts (versions read from the control file and the
scripts):

  * the owner creates the extension (the default version, and the oldest one
    followed by ALTER EXTENSION ... UPDATE) and uses every history function
    on its own Prefect tables;
  * it gains nothing: it is still not superuser, holds no new role, owns
    nothing new but the extension; every member is owned by the bootstrap
    superuser and none is SECURITY DEFINER; the owner cannot make a member
    SECURITY DEFINER or take it over, cannot declare a C function of its own
    from the module, and still cannot read a table it has no privilege on
    through the functions;
  * the scripts adopt nothing: for each member the owner could declare
    beforehand (same schema, name and argument types), CREATE EXTENSION (and
    ALTER EXTENSION UPDATE for members an update adds) fails instead of
    taking it over.

Needs libpq pointed at a superuser (PGHOST, PGPORT, PGUSER) of a server with
the extension installed; --repo is the repository (for the control file, the
scripts and Prefect's schema).  Last line: "trusted: N passed, N failed".
"""
import argparse
import os
import sys

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extension  # noqa: E402

OWNER = "fh_trusted_owner"
DATABASE = "fh_trusted"
EXT = extension.EXTENSION


def as_superuser(dbname, *statements):
    connection = psycopg2.connect(dbname=dbname)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def set_up(repo):
    as_superuser("postgres", f'DROP DATABASE IF EXISTS "{DATABASE}"', f'DROP ROLE IF EXISTS "{OWNER}"',
                 f'CREATE ROLE "{OWNER}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE',
                 f'CREATE DATABASE "{DATABASE}" OWNER "{OWNER}" TEMPLATE template0')
    # A schema of Prefect's tables with runs that the owner may use but not
    # read; pg_trgm in public, where the owner's copy of the schema finds it.
    with open(os.path.join(repo, "test/fixtures/prefect_schema.sql"), encoding="utf-8") as schema:
        as_superuser(DATABASE, "CREATE EXTENSION pg_trgm SCHEMA public", "CREATE SCHEMA prefect_private",
                     "SET search_path = prefect_private, public", "SET client_min_messages = warning",
                     schema.read(), INSERT_RUNS, f'GRANT USAGE ON SCHEMA prefect_private TO "{OWNER}"')


def tear_down():
    as_superuser("postgres", f'DROP DATABASE IF EXISTS "{DATABASE}"', f'DROP ROLE IF EXISTS "{OWNER}"')


# Three flow runs (two FAILED) and one task run, scheduled an hour ago.
INSERT_RUNS = """
INSERT INTO flow (id, name) VALUES ('0f000000-0000-4000-8000-000000000001', 'trusted-flow');
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time, total_run_time)
SELECT ('0e000000-0000-4000-8000-00000000000' || i)::uuid, 'run-' || i,
       '0f000000-0000-4000-8000-000000000001',
       CASE WHEN i < 3 THEN 'FAILED' ELSE 'COMPLETED' END::state_type,
       CASE WHEN i < 3 THEN 'Failed' ELSE 'Completed' END,
       now() - interval '1 hour', interval '10 seconds'
  FROM generate_series(1, 3) i;
INSERT INTO task_run (id, name, task_key, dynamic_key, flow_run_id, state_type, state_name,
                      expected_start_time, total_run_time)
VALUES ('0d000000-0000-4000-8000-000000000001', 'task', 'task-key', '0',
        '0e000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed',
        now() - interval '1 hour', interval '1 second');
"""

# What the owner is and has, beyond the extension itself.
STANDING = """
SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
       (SELECT pg_catalog.array_agg(m.roleid::pg_catalog.regrole::pg_catalog.text ORDER BY 1)
          FROM pg_catalog.pg_auth_members m WHERE m.member = r.oid) AS memberships,
       (SELECT pg_catalog.array_agg(pg_catalog.pg_describe_object(s.classid, s.objid, s.objsubid) ORDER BY 1)
          FROM pg_catalog.pg_shdepend s
         WHERE s.refobjid = r.oid AND s.deptype = 'o'
           AND s.dbid IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()))
           AND NOT (s.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass)) AS owns,
       pg_catalog.has_table_privilege('prefect_private.flow_run', 'SELECT') AS reads_private
  FROM pg_catalog.pg_roles r WHERE r.rolname = current_user
"""

USES = [
    ("flow_run_history over a window",
     "SELECT sum(count_runs) FROM flow_run_history(now() - interval '1 day', now(), '1 hour')", 3),
    ("flow_run_history with a filter",
     """SELECT sum(count_runs) FROM flow_run_history(jsonb_build_object(
          'history_start', now() - interval '1 day', 'history_end', now(),
          'history_interval_seconds', 3600,
          'flow_runs', '{"state": {"type": {"any_": ["FAILED"]}}}'::jsonb))""", 2),
    ("flow_run_history_json",
     """SELECT sum((s ->> 'count_runs')::int) FROM jsonb_array_elements(flow_run_history_json(
          now() - interval '1 day', now(), '6 hours')) i, jsonb_array_elements(i -> 'states') s""", 3),
    ("task_run_history",
     "SELECT sum(count_runs) FROM task_run_history(now() - interval '1 day', now(), '1 day')", 1),
    ("flow_history_explain",
     """SELECT count(*) FROM flow_history_explain('{"history_start": "2024-01-01",
          "history_end": "2024-01-02", "history_interval_seconds": 3600}') WHERE length(flow_history_explain) > 0""", 1),
]


def member_procs(cursor):
    cursor.execute("""
        SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text, p.prokind,
               pg_catalog.pg_get_userbyid(p.proowner), p.prosecdef,
               p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid),
               'internal'::pg_catalog.regtype = ANY (p.proargtypes::pg_catalog.oid[] || p.prorettype)
          FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_proc p ON p.oid = d.objid
          JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
         WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'
           AND d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.extname = %s
         ORDER BY 1""", (EXT,))
    return cursor.fetchall()


def check_installed(results, cursor, label, standing_before):
    """The owner's view of a fresh install: usable, and nothing gained."""
    for name, query, expected in USES:
        cursor.execute(query)
        got = cursor.fetchone()[0]
        results.check(got == expected, f"{label}: {name}", f"got {got}, expected {expected}")

    cursor.execute(STANDING)
    results.check(cursor.fetchone() == standing_before, f"{label}: the owner's roles, "
                  "attributes, owned objects and table privileges are unchanged")
    cursor.execute("SELECT pg_catalog.pg_get_userbyid(extowner) FROM pg_catalog.pg_extension "
                   "WHERE extname = %s", (EXT,))
    results.check(cursor.fetchone()[0] == OWNER, f"{label}: the extension is owned by the owner")
    cursor.execute("SELECT rolname FROM pg_catalog.pg_roles WHERE oid = 10")
    bootstrap = cursor.fetchone()[0]
    procs = member_procs(cursor)
    for signature, kind, owner, secdef, _, _, _ in procs:
        results.check(owner == bootstrap and not secdef,
                      f"{label}: {signature} is owned by {bootstrap} and not SECURITY DEFINER",
                      f"owner {owner}, security definer {secdef}")
        statement = (f"ALTER AGGREGATE {signature} OWNER TO {OWNER}" if kind == "a"
                     else f"ALTER FUNCTION {signature} SECURITY DEFINER")
        state = extension.sqlstate_of(cursor, statement)
        results.check(state == "42501", f"{label}: the owner cannot run {statement}", f"SQLSTATE {state}")
    symbol = next(row for row in procs if row[1] == "f")[0]
    state = extension.sqlstate_of(
        cursor, "CREATE FUNCTION own_c_function(jsonb) RETURNS text LANGUAGE C "
                "AS '$libdir/flow_history', 'flow_history_explain'")
    results.check(state == "42501", f"{label}: the owner cannot declare C functions of the module "
                  f"(as {symbol} is)", f"SQLSTATE {state}")
    cursor.execute("SET flow_history.schema = 'prefect_private'")
    state = extension.sqlstate_of(
        cursor, "SELECT * FROM flow_run_history(now() - interval '1 day', now(), '1 hour')")
    cursor.execute("RESET flow_history.schema")
    results.check(state == "42501", f"{label}: runs of a table the owner cannot read stay unread",
                  f"SQLSTATE {state}")


def check_no_adoption(results, cursor, procs, create_statement, label):
    """Each member the owner could declare first makes create_statement fail."""
    for signature, _, _, _, name, arguments, uses_internal in procs:
        cursor.execute("BEGIN")
        cursor.execute("CREATE SCHEMA trap")
        declare = (f"CREATE FUNCTION trap.{name}({arguments}) RETURNS integer "
                   "LANGUAGE plpgsql AS 'BEGIN RETURN 1; END'")
        state = extension.sqlstate_of(cursor, declare)
        if uses_internal:
            # The owner cannot declare it at all, so cannot plant it either.
            results.check(state is not None, f"{label}: the owner cannot declare {signature}")
        else:
            state = extension.sqlstate_of(cursor, create_statement)
            cursor.execute("SELECT l.lanname FROM pg_catalog.pg_proc p "
                           "JOIN pg_catalog.pg_language l ON l.oid = p.prolang "
                           "WHERE p.pronamespace = 'trap'::pg_catalog.regnamespace AND p.proname = %s",
                           (name,))
            languages = [row[0] for row in cursor.fetchall()]
            results.check(state == "42723" and languages == ["plpgsql"],
                          f"{label}: a {signature} declared beforehand is not adopted",
                          f"SQLSTATE {state}, languages {languages}")
        cursor.execute("ROLLBACK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", required=True)
    args = parser.parse_args()
    control = extension.read_control(args.repo)
    default = control["default_version"]
    oldest = extension.scripts(args.repo)[0][0]
    results = extension.Results()
    results.check(control.get("trusted") == "true", "flow_history.control says trusted = true")

    set_up(args.repo)
    owner = psycopg2.connect(dbname=DATABASE, user=OWNER)
    owner.autocommit = True
    cursor = owner.cursor()
    cursor.execute("SET client_min_messages = warning")
    with open(os.path.join(args.repo, "test/fixtures/prefect_schema.sql"), encoding="utf-8") as schema:
        cursor.execute(schema.read())
    cursor.execute(INSERT_RUNS)
    cursor.execute(STANDING)
    standing_before = cursor.fetchone()

    state = extension.sqlstate_of(cursor, f"CREATE EXTENSION {EXT}")
    results.check(state is None, f"the owner creates the extension ({default})", f"SQLSTATE {state}")
    if state is None:
        check_installed(results, cursor, default, standing_before)
        default_procs = member_procs(cursor)
        cursor.execute(f"DROP EXTENSION {EXT}")
        check_no_adoption(results, cursor, default_procs,
                          f"CREATE EXTENSION {EXT} SCHEMA trap", f"CREATE EXTENSION {default}")

        state = extension.sqlstate_of(cursor, f"CREATE EXTENSION {EXT} VERSION %s", (oldest,))
        results.check(state is None, f"the owner creates version {oldest}", f"SQLSTATE {state}")
        oldest_procs = member_procs(cursor)
        cursor.execute(f"DROP EXTENSION {EXT}")
        # Members an update adds: declared beforehand, the update must fail.
        old_signatures = {row[0] for row in oldest_procs}
        added = [row for row in default_procs if row[0] not in old_signatures]
        cursor.execute("CREATE SCHEMA updated")
        cursor.execute(f"CREATE EXTENSION {EXT} VERSION %s SCHEMA updated", (oldest,))
        for signature, _, _, _, name, arguments, uses_internal in added:
            if uses_internal:
                continue
            cursor.execute("BEGIN")
            cursor.execute(f"CREATE FUNCTION updated.{name}({arguments}) RETURNS integer "
                           "LANGUAGE plpgsql AS 'BEGIN RETURN 1; END'")
            state = extension.sqlstate_of(cursor, f"ALTER EXTENSION {EXT} UPDATE")
            results.check(state == "42723", f"an update does not adopt a {signature} declared beforehand",
                          f"SQLSTATE {state}")
            cursor.execute("ROLLBACK")
        cursor.execute(f"DROP EXTENSION {EXT}")
        cursor.execute("DROP SCHEMA updated")

        cursor.execute(f"CREATE EXTENSION {EXT} VERSION %s", (oldest,))
        state = extension.sqlstate_of(cursor, f"ALTER EXTENSION {EXT} UPDATE")
        cursor.execute("SELECT extversion FROM pg_catalog.pg_extension WHERE extname = %s", (EXT,))
        reached = cursor.fetchone()[0]
        results.check(state is None and reached == default,
                      f"the owner updates {oldest} to {default}", f"SQLSTATE {state}, reached {reached}")
        check_installed(results, cursor, f"{oldest} updated", standing_before)
        state = extension.sqlstate_of(cursor, f"DROP EXTENSION {EXT}")
        results.check(state is None, "the owner drops the extension", f"SQLSTATE {state}")

    owner.close()
    tear_down()
    print(f"trusted: {results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
