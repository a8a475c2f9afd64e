#!/usr/bin/python3
"""EXPLAIN ANALYZE of the three statements bench.py times, for chosen scenarios.

  ours     the one query flow_history runs through SPI (shown by auto_explain,
           with the values bound as parameters)
  floor    count(*) and one sum over the same rows with the same WHERE
  prefect  Prefect's query shape (test/oracle/reference.sql)

  bench/explain.py --dsn dbname=bench_1m --only S1,S3
"""
import json
import os
import sys

from bench import scenarios

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test"))
import harness  # noqa: E402  (test/harness.py)

PLAN_OPTIONS = "ANALYZE, BUFFERS, TIMING"


def show(title, lines):
    print(f"#### {title}\n```")
    print("\n".join(lines))
    print("```")


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--only", help="comma-separated scenario names")
    args = parser.parse_args()

    connection, cur = harness.connect(args.dsn)
    cur.execute("SET TimeZone = 'UTC'")
    cur.execute("LOAD 'auto_explain'")
    for name, what, run_type, request, where in scenarios(cur):
        if args.only and name not in args.only.split(","):
            continue
        print(f"### {name}: {what}")
        body = json.dumps(request)
        cur.execute(f"SELECT {run_type}_history_json(%s) IS NOT NULL", (body,))   # warm
        cur.execute("SET auto_explain.log_min_duration = 0")
        cur.execute("SET auto_explain.log_analyze = on")
        cur.execute("SET auto_explain.log_buffers = on")
        cur.execute("SET auto_explain.log_nested_statements = on")
        cur.execute("SET auto_explain.log_level = notice")
        del connection.notices[:]
        cur.execute(f"SELECT {run_type}_history_json(%s) IS NOT NULL", (body,))
        cur.execute("SET auto_explain.log_min_duration = -1")
        # the nested statement (ours) comes first, the calling SELECT last
        show("ours", connection.notices[0].rstrip().splitlines())
        cur.execute(f"SELECT {run_type}_history_json(%s)", (body,))
        answer = cur.fetchone()[0]
        first, last = answer[0]["interval_start"], answer[-1]["interval_end"]
        cur.execute(f"EXPLAIN ({PLAN_OPTIONS}) SELECT count(*), sum({run_type}.total_run_time) FROM {run_type} "
                    f"WHERE {run_type}.expected_start_time >= %s AND {run_type}.expected_start_time < %s "
                    f"AND ({where.replace('%', '%%')})", (first, last))
        show("floor", [row[0] for row in cur.fetchall()])
        cur.execute("SELECT oracle.reference_sql(%s, %s, %s)", (run_type, body, where))
        cur.execute(f"EXPLAIN ({PLAN_OPTIONS}) " + cur.fetchone()[0].replace("%", "%%"))
        show("Prefect's query", [row[0] for row in cur.fetchall()])
    return 0


if __name__ == "__main__":
    main()
