#!/usr/bin/python3
"""Injection: filter strings reach the database as data, never as SQL.

Inside a transaction that is rolled back, flow runs (and a flow, a
deployment, a work queue) are named and tagged with hostile strings: quotes,
backslashes, % and _, $1, ;, SQL keywords, comments, unicode.  For every
string and every string-valued filter key, the history's run count must
equal the count a parameterised query (psycopg2 binds the value) gives for
the condition Prefect's filter means.  A NUL escape cannot enter jsonb: it
must be an ERROR whose SQLSTATE is not XX000.  The last line is
"injection: N passed, N failed".
"""
import json
import os
import sys

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (test/harness.py)

HOSTILE = [
    "x'); DROP TABLE flow_run; --", "' OR '1'='1", "\"; SELECT 1; --", "\\", "\\\\", "a\\_b", "%", "_",
    "%_%", "$1", "$6::text", ";", "/* comment */", "-- comment", "SELECT * FROM pg_authid", "NULL",
    "null", "true", "E'\\x41'", "\u00e9t\u00e9", "\u2212", "\U0001F600", "tab\there", "new\nline",
    "quote\"inside", "back`tick", "{", "}", "[\"a\"]", "a,b", " leading", "trailing ", "",
]

# filter key -> (the request's filter, the parameterised condition on flow_run)
CHECKS = {
    "flow_runs.name.any_": (lambda v: {"flow_runs": {"name": {"any_": [v]}}},
                            "flow_run.name = %(v)s"),
    "flow_runs.name.like_": (lambda v: {"flow_runs": {"name": {"like_": v}}},
                             "(%(v)s = '' OR flow_run.name ILIKE '%%' || %(v)s || '%%')"),
    "flow_runs.tags.all_": (lambda v: {"flow_runs": {"tags": {"all_": [v]}}},
                            "flow_run.tags ?& ARRAY[%(v)s]"),
    "flow_runs.tags.any_": (lambda v: {"flow_runs": {"tags": {"any_": [v]}}},
                            "flow_run.tags ?| ARRAY[%(v)s]"),
    "flow_runs.idempotency_key.not_any_": (lambda v: {"flow_runs": {"idempotency_key": {"not_any_": [v]}}},
                                           "flow_run.idempotency_key <> %(v)s"),
    "flow_runs.state.name.any_": (lambda v: {"flow_runs": {"state": {"name": {"any_": [v]}}}},
                                  "flow_run.state_name = %(v)s"),
    "flows.name.like_": (lambda v: {"flows": {"name": {"like_": v}}},
                         "EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id "
                         "AND (%(v)s = '' OR flow.name ILIKE '%%' || %(v)s || '%%'))"),
    "deployments.flow_or_deployment_name.like_": (
        lambda v: {"deployments": {"flow_or_deployment_name": {"like_": v}}},
        "EXISTS (SELECT 1 FROM deployment d WHERE d.id = flow_run.deployment_id AND (%(v)s = '' OR "
        "d.name ILIKE '%%' || %(v)s || '%%' OR EXISTS (SELECT 1 FROM flow f WHERE f.id = d.flow_id "
        "AND f.name ILIKE '%%' || %(v)s || '%%')))"),
    "work_queues.name.startswith_": (lambda v: {"work_queues": {"name": {"startswith_": [v]}}},
                                     "EXISTS (SELECT 1 FROM work_queue q WHERE q.id = flow_run.work_queue_id "
                                     "AND q.name ILIKE %(v)s || '%%')"),
}


def main():
    args = harness.arguments(__doc__).parse_args()
    connection, cur = harness.connect(args.dsn, autocommit=False, quiet=True)
    cur.execute("SELECT id FROM work_pool LIMIT 1")
    pool = cur.fetchone()[0]
    # one flow, deployment, queue and run per hostile string, at a fixed time
    for i, value in enumerate(HOSTILE):
        cur.execute("""
            WITH f AS (INSERT INTO flow (id, name, tags) VALUES (gen_random_uuid(), 'inj-flow ' || %(i)s || %(v)s, '[]')
                       RETURNING id),
                 q AS (INSERT INTO work_queue (id, name, work_pool_id)
                       VALUES (gen_random_uuid(), %(v)s || ' q' || %(i)s, %(pool)s) RETURNING id),
                 d AS (INSERT INTO deployment (id, name, flow_id, work_queue_id)
                       SELECT gen_random_uuid(), %(v)s || ' dep', f.id, q.id FROM f, q RETURNING id, flow_id, work_queue_id)
            INSERT INTO flow_run (id, name, flow_id, deployment_id, work_queue_id, state_type, state_name,
                                  expected_start_time, idempotency_key, tags)
            SELECT gen_random_uuid(), %(v)s, d.flow_id, d.id, d.work_queue_id, 'COMPLETED', %(v)s,
                   '2077-07-07 07:07:07Z', %(v)s, jsonb_build_array(%(v)s, 'inj')
              FROM d""", {"i": i, "v": value, "pool": pool})
    window = {"history_start": "2077-07-07T00:00:00Z", "history_end": "2077-07-08T00:00:00Z",
              "history_interval_seconds": 86400}
    passed = failed = 0
    for key, (request_of, condition) in CHECKS.items():
        for value in HOSTILE:
            request = json.dumps(dict(window, **request_of(value)))
            cur.execute("SAVEPOINT s")
            try:
                cur.execute("SELECT coalesce(sum(count_runs), 0) FROM flow_run_history(%s)", (request,))
                ours = cur.fetchone()[0]
                cur.execute("SELECT count(*) FROM flow_run WHERE expected_start_time >= '2077-07-07' "
                            f"AND expected_start_time < '2077-07-08' AND {condition}", {"v": value})
                expected = cur.fetchone()[0]
                problem = None if ours == expected else f"counted {ours} runs, the parameterised query {expected}"
            except psycopg2.Error as error:
                problem = f"ERROR {error.pgcode}: {error.pgerror.strip()}"
            cur.execute("ROLLBACK TO SAVEPOINT s")
            if problem:
                failed += 1
                print(f"injection: {key} = {value!r}: {problem}")
            else:
                passed += 1
    # a NUL escape cannot be stored in jsonb: a clean error
    try:
        cur.execute("SAVEPOINT s")
        cur.execute("SELECT flow_run_history_json(%s::jsonb)",
                    (json.dumps(dict(window, flow_runs={"name": {"any_": ["a\u0000b"]}})),))
        failed += 1
        print("injection: a NUL escape was accepted")
    except psycopg2.Error as error:
        cur.execute("ROLLBACK TO SAVEPOINT s")
        if not harness.is_internal_error(error):
            passed += 1
        else:
            failed += 1
            print(f"injection: NUL escape: SQLSTATE {error.pgcode}")
    connection.rollback()
    cur.execute("SELECT count(*) FROM flow_run")
    print(f"injection: {len(HOSTILE)} hostile strings x {len(CHECKS)} filter keys; flow_run still has "
          f"{cur.fetchone()[0]} rows")
    return harness.verdict("injection", passed, failed)


if __name__ == "__main__":
    sys.exit(main())
