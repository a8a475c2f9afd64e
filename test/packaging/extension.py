"""What the packaging checks share: the extension's files and its catalog.

The versions are never listed here: they are read from flow_history.control
(default_version) and the flow_history--*.sql scripts, so that every check
keeps covering the versions added later.
"""
import os
import re

import psycopg2
import psycopg2.extensions

EXTENSION = "flow_history"


class Results:
    """Counts of passed and failed checks; a failure is printed with its detail."""

    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAILED: {name}" + (f": {detail}" if detail else ""))


def read_control(repo):
    """flow_history.control as a dict of its settings (values unquoted)."""
    settings = {}
    with open(os.path.join(repo, f"{EXTENSION}.control"), encoding="utf-8") as control:
        for line in control:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            key, value = (part.strip() for part in line.split("=", 1))
            if value.startswith("'") and value.endswith("'"):
                value = value[1:-1].replace("''", "'")
            settings[key] = value
    return settings


def version_key(version):
    return tuple(int(part) for part in version.split("."))


def scripts(repo):
    """(full-script versions, {(from, to): upgrade script}) found in repo."""
    full, upgrades = [], {}
    for name in os.listdir(repo):
        match = re.fullmatch(rf"{EXTENSION}--([0-9.]+)(?:--([0-9.]+))?\.sql", name)
        if match is None:
            continue
        if match.group(2) is None:
            full.append(match.group(1))
        else:
            upgrades[(match.group(1), match.group(2))] = name
    return sorted(full, key=version_key), upgrades


def script_path(repo, version):
    return os.path.join(repo, f"{EXTENSION}--{version}.sql")


def sqlstate_of(cursor, statement, params=None):
    """Run statement: None if it succeeds, else its SQLSTATE.  Inside a
    transaction block a savepoint keeps the transaction usable."""
    in_transaction = (cursor.connection.get_transaction_status()
                      != psycopg2.extensions.TRANSACTION_STATUS_IDLE)
    if in_transaction:
        cursor.execute("SAVEPOINT attempt")
    try:
        cursor.execute(statement, params)
    except psycopg2.Error as error:
        if in_transaction:
            cursor.execute("ROLLBACK TO SAVEPOINT attempt")
        return error.pgcode or "no SQLSTATE"
    if in_transaction:
        cursor.execute("RELEASE SAVEPOINT attempt")
    return None


def members(cursor):
    """The extension's members: [(catalog, classid, objid, identity)]."""
    cursor.execute("""
        SELECT d.classid::pg_catalog.regclass::pg_catalog.text, d.classid, d.objid,
               (pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid)).identity
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
         WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
           AND d.deptype = 'e' AND e.extname = %s
         ORDER BY 4""", (EXTENSION,))
    return cursor.fetchall()


# Per catalog, a query describing one member (parameter: its oid) by
# everything that makes it what it is, with other objects named, never by oid.
ACL = """(SELECT pg_catalog.array_agg(item::pg_catalog.text ORDER BY item::pg_catalog.text)
            FROM pg_catalog.unnest(COALESCE({acl}, pg_catalog.acldefault({kind}, {owner}))) item)"""

RELATION_ACL_KIND = "(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::pg_catalog.\"char\""

DESCRIBE = {
    "pg_proc": f"""
        SELECT p.prokind, l.lanname AS language, n.nspname AS schema,
               pg_catalog.pg_get_userbyid(p.proowner) AS owner,
               pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
               pg_catalog.pg_get_function_result(p.oid) AS result,
               p.provolatile, p.proisstrict, p.prosecdef, p.proleakproof, p.proparallel,
               p.procost, p.prorows, p.proretset, p.provariadic::pg_catalog.regtype::pg_catalog.text,
               p.prosupport::pg_catalog.text AS support, p.proconfig, p.prosrc, p.probin,
               CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition,
               (SELECT pg_catalog.to_jsonb(a) - 'aggfnoid'
                       || pg_catalog.jsonb_build_object(
                            'aggtranstype', a.aggtranstype::pg_catalog.regtype::pg_catalog.text,
                            'aggmtranstype', a.aggmtranstype::pg_catalog.regtype::pg_catalog.text,
                            'aggsortop', a.aggsortop::pg_catalog.regoperator::pg_catalog.text)
                  FROM pg_catalog.pg_aggregate a WHERE a.aggfnoid = p.oid) AS aggregate,
               {ACL.format(acl="p.proacl", kind="'f'", owner="p.proowner")} AS acl
          FROM pg_catalog.pg_proc p
          JOIN pg_catalog.pg_language l ON l.oid = p.prolang
          JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
         WHERE p.oid = %s""",
    "pg_type": f"""
        SELECT pg_catalog.to_jsonb(t) - 'oid' - 'typnamespace' - 'typowner' - 'typrelid'
                 - 'typelem' - 'typarray' - 'typbasetype' - 'typcollation' - 'typdefaultbin'
                 - 'typacl' AS attributes,
               n.nspname AS schema, pg_catalog.pg_get_userbyid(t.typowner) AS owner,
               t.typelem::pg_catalog.regtype::pg_catalog.text AS element,
               t.typbasetype::pg_catalog.regtype::pg_catalog.text AS base_type,
               (SELECT pg_catalog.array_agg(e.enumlabel ORDER BY e.enumsortorder)
                  FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) AS labels,
               (SELECT pg_catalog.array_agg(a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
                                            ORDER BY a.attnum)
                  FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS fields,
               (SELECT pg_catalog.array_agg(c.conname || ' ' || pg_catalog.pg_get_constraintdef(c.oid)
                                            ORDER BY c.conname)
                  FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid) AS constraints,
               {ACL.format(acl="t.typacl", kind="'T'", owner="t.typowner")} AS acl
          FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
         WHERE t.oid = %s""",
    "pg_class": f"""
        SELECT c.relkind, c.relpersistence, c.reloptions, n.nspname AS schema,
               pg_catalog.pg_get_userbyid(c.relowner) AS owner,
               (SELECT pg_catalog.array_agg(a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
                                            || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                                            || COALESCE(' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
                                            || COALESCE(' -- ' || pg_catalog.col_description(c.oid, a.attnum), '')
                                            ORDER BY a.attnum)
                  FROM pg_catalog.pg_attribute a
                  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
               CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS view,
               CASE WHEN c.relkind = 'i' THEN pg_catalog.pg_get_indexdef(c.oid) END AS index,
               (SELECT pg_catalog.array_agg(k.conname || ' ' || pg_catalog.pg_get_constraintdef(k.oid)
                                            ORDER BY k.conname)
                  FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid) AS constraints,
               (SELECT pg_catalog.array_agg(pg_catalog.pg_get_indexdef(i.indexrelid) ORDER BY 1)
                  FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid) AS indexes,
               {ACL.format(acl="c.relacl", kind=RELATION_ACL_KIND, owner="c.relowner")} AS acl
          FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.oid = %s""",
    "pg_cast": """
        SELECT c.castsource::pg_catalog.regtype::pg_catalog.text AS source,
               c.casttarget::pg_catalog.regtype::pg_catalog.text AS target,
               c.castfunc::pg_catalog.regprocedure::pg_catalog.text AS function,
               c.castcontext, c.castmethod
          FROM pg_catalog.pg_cast c WHERE c.oid = %s""",
    "pg_operator": """
        SELECT pg_catalog.to_jsonb(o) - 'oid' - 'oprnamespace' - 'oprowner' - 'oprleft' - 'oprright'
                 - 'oprresult' - 'oprcom' - 'oprnegate' AS attributes,
               pg_catalog.pg_get_userbyid(o.oprowner) AS owner,
               o.oprleft::pg_catalog.regtype::pg_catalog.text AS left, o.oprright::pg_catalog.regtype::pg_catalog.text AS right,
               o.oprresult::pg_catalog.regtype::pg_catalog.text AS result,
               o.oprcom::pg_catalog.regoperator::pg_catalog.text AS commutator,
               o.oprnegate::pg_catalog.regoperator::pg_catalog.text AS negator
          FROM pg_catalog.pg_operator o WHERE o.oid = %s""",
}


def describe(cursor):
    """{identity: description} for every member, and the extension itself.

    A member of a catalog DESCRIBE does not know is described as such, which
    makes the comparison fail until a query for that catalog is added.
    """
    result = {}
    for catalog, classid, objid, identity in members(cursor):
        if catalog not in DESCRIBE:
            result[identity] = {"unsupported catalog": catalog}
            continue
        cursor.execute(DESCRIBE[catalog], (objid,))
        columns = [column.name for column in cursor.description]
        description = dict(zip(columns, cursor.fetchone()))
        cursor.execute("""
            SELECT pg_catalog.obj_description(%s, %s),
                   (SELECT pg_catalog.array_agg(pg_catalog.format('%%s %%s', i.privtype, i.initprivs::pg_catalog.text))
                      FROM pg_catalog.pg_init_privs i
                     WHERE i.classoid = %s AND i.objoid = %s AND i.objsubid = 0)""",
                       (objid, catalog, classid, objid))
        description["comment"], description["initial privileges"] = cursor.fetchone()
        result[f"{catalog}: {identity}"] = description
    cursor.execute("""
        SELECT e.extversion, e.extrelocatable, n.nspname,
               (SELECT pg_catalog.array_agg(c::pg_catalog.regclass::pg_catalog.text)
                  FROM pg_catalog.unnest(e.extconfig) c) AS configuration_tables,
               e.extcondition, pg_catalog.obj_description(e.oid, 'pg_extension')
          FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
         WHERE e.extname = %s""", (EXTENSION,))
    columns = [column.name for column in cursor.description]
    result["the extension"] = dict(zip(columns, cursor.fetchone()))
    return result


def differences(expected, actual):
    """Lines naming each member and attribute that differ."""
    lines = []
    for identity in sorted(set(expected) | set(actual)):
        if identity not in actual:
            lines.append(f"{identity}: missing")
        elif identity not in expected:
            lines.append(f"{identity}: not in the fresh install")
        elif expected[identity] != actual[identity]:
            for key in sorted(set(expected[identity]) | set(actual[identity])):
                if expected[identity].get(key) != actual[identity].get(key):
                    lines.append(f"{identity}: {key}: {actual[identity].get(key)!r}, "
                                 f"fresh install: {expected[identity].get(key)!r}")
    return lines
