#!/usr/bin/python3
"""Upgrades: every older version, updated, equals a fresh install.

For each version that has a full script other than the default one (the
oldest, i.e. the default itself, when there is no other), in a new database:
CREATE EXTENSION flow_history VERSION 'v'; ALTER EXTENSION flow_history
UPDATE; then every extension member (pg_depend deptype 'e') is compared with
the members of a fresh CREATE EXTENSION of the default version: definition,
comment, privileges (ACL and pg_init_privs), owner and attributes (volatility,
strictness, parallel safety, SECURITY DEFINER, cost and rows, aggregate
properties...; test/packaging/extension.py).  One check per member and
version, one for the version reached.

Then the comparison itself is shown to notice each kind of difference: in the
fresh database, inside a transaction that is rolled back, a member is changed
one way at a time (its comment, its privileges, an attribute, its C symbol,
an aggregate property, its membership) and the comparison must report that
member.

Needs libpq pointed at a superuser (PGHOST, PGPORT, PGUSER) of a server with
the extension installed.  Last line: "upgrade: N passed, N failed".
"""
import argparse
import os
import sys

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extension  # noqa: E402

FRESH_DB = "fh_upgrade_fresh"


class Results:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, name, details=()):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAILED: {name}")
            for line in details:
                print(f"    {line}")


def recreate_database(name):
    admin = psycopg2.connect(dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    admin.close()
    return psycopg2.connect(dbname=name)


def drop_database(name):
    admin = psycopg2.connect(dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def check_sensitivity(results, connection, expected):
    """Each kind of change to a member must show in the comparison."""
    cursor = connection.cursor()
    cursor.execute("""
        SELECT p.oid::pg_catalog.regprocedure::pg_catalog.text, p.prokind, p.prosrc, p.proretset,
               (pg_catalog.pg_identify_object(d.classid, d.objid, 0)).identity
          FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_proc p ON p.oid = d.objid
          JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
         WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e'
           AND d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.extname = %s
         ORDER BY 1""", (extension.EXTENSION,))
    procs = cursor.fetchall()
    functions = [row for row in procs if row[1] == "f" and row[3]]
    aggregates = [row for row in procs if row[1] == "a"]
    if not functions or not aggregates:
        results.check(False, "sensitivity: a set-returning function and an aggregate to change")
        return
    function, _, symbol, _, function_identity = functions[0]
    other_symbol = next(row[2] for row in procs if row[1] == "f" and row[2] != symbol)
    aggregate, aggregate_identity = aggregates[0][0], aggregates[0][4]
    cursor.execute("SELECT pg_catalog.pg_get_functiondef(%s::pg_catalog.regprocedure)", (function,))
    head, _, tail = cursor.fetchone()[0].rpartition(symbol)
    changes = [
        ("comment", function, f"COMMENT ON FUNCTION {function} IS 'changed'"),
        ("privileges", function, f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC"),
        ("volatility", function, f"ALTER FUNCTION {function} VOLATILE"),
        ("strictness", function, f"ALTER FUNCTION {function} CALLED ON NULL INPUT"),
        ("parallel safety", function, f"ALTER FUNCTION {function} PARALLEL UNSAFE"),
        ("SECURITY DEFINER", function, f"ALTER FUNCTION {function} SECURITY DEFINER"),
        ("cost", function, f"ALTER FUNCTION {function} COST 7"),
        ("rows", function, f"ALTER FUNCTION {function} ROWS 7"),
        ("configuration", function, f"ALTER FUNCTION {function} SET search_path = pg_catalog"),
        ("C symbol", function, head + other_symbol + tail),
        ("owner", function, f"ALTER FUNCTION {function} OWNER TO pg_database_owner"),
        ("aggregate property", aggregate,
         "UPDATE pg_catalog.pg_aggregate SET aggcombinefn = 0"
         f" WHERE aggfnoid = '{aggregate}'::pg_catalog.regprocedure"),
        ("aggregate comment", aggregate, f"COMMENT ON AGGREGATE {aggregate} IS NULL"),
        ("membership", function, f"ALTER EXTENSION {extension.EXTENSION} DROP FUNCTION {function}"),
    ]
    for what, member, statement in changes:
        cursor.execute("BEGIN")
        cursor.execute(statement)
        lines = extension.differences(expected, extension.describe(cursor))
        cursor.execute("ROLLBACK")
        identity = aggregate_identity if member == aggregate else function_identity
        named = [line for line in lines if line.startswith(f"pg_proc: {identity}: ")]
        results.check(bool(named) and len(named) == len(lines),
                      f"sensitivity: a changed {what} of {member} is reported",
                      lines or ["no difference reported"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", required=True)
    args = parser.parse_args()

    default = extension.read_control(args.repo)["default_version"]
    full_versions, _ = extension.scripts(args.repo)
    sources = [v for v in full_versions if v != default] or full_versions[:1]
    results = Results()

    fresh = recreate_database(FRESH_DB)
    fresh.autocommit = True
    with fresh.cursor() as cursor:
        cursor.execute(f"CREATE EXTENSION {extension.EXTENSION}")
        expected = extension.describe(cursor)
    print(f"upgrade: {len(expected) - 1} members in a fresh install of {default}; "
          f"updating from {', '.join(sources)}")

    for source in sources:
        database = f"fh_upgrade_from_{source.replace('.', '_')}"
        connection = recreate_database(database)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE EXTENSION {extension.EXTENSION} VERSION %s", (source,))
            cursor.execute(f"ALTER EXTENSION {extension.EXTENSION} UPDATE")
            actual = extension.describe(cursor)
        connection.close()
        drop_database(database)
        reached = actual["the extension"]["extversion"]
        results.check(reached == default, f"{source} updates to {default}", [f"reached {reached}"])
        for identity in sorted(set(expected) | set(actual)):
            lines = extension.differences({k: v for k, v in expected.items() if k == identity},
                                          {k: v for k, v in actual.items() if k == identity})
            results.check(not lines, f"{source} updated: {identity}", lines)

    check_sensitivity(results, fresh, expected)
    fresh.close()
    drop_database(FRESH_DB)
    print(f"upgrade: {results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
