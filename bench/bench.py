#!/usr/bin/python3
"""Time flow_history against Prefect's query and against the floor.

For each scenario, on the same data in the same run, three things are timed
warm, several times each, and their medians compared:
  ours       flow_run_history_json / task_run_history_json on the request;
  prefect    Prefect's query shape (test/oracle/reference.sql: generate_series
             intervals range-joined to the filtered runs), with the WHERE clause
             Prefect's filter compiler produces for the request, by hand; with
             the server's jit setting (on by default), then with jit = off:
             the planner's estimate for its range join is high enough to make
             PostgreSQL JIT-compile it, which costs about 0.3 s by itself;
  floor      one pass over the same rows with the same WHERE: count(*) and one
             sum, no bucketing; and the same pass reading every column the
             answer needs (state type and name, start time, state timestamp),
             which shows what reading those columns costs by itself.
Each scenario also checks that ours and prefect count the same runs per
interval and state.  Prints a Markdown table.
"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test"))
import harness  # noqa: E402  (test/harness.py)

DAY = 86400
PREFECT_RUNS = 5


def window(start, end, step):
    return {"history_start": start, "history_end": end, "history_interval_seconds": step}


def scenarios(cur):
    """(name, what, run_type, request, prefect WHERE) for the data in cur's database."""
    # the data's "now": no run started after it (scheduled runs lie beyond it)
    cur.execute("SELECT date_trunc('day', max(start_time)) + interval '1 day' FROM flow_run")
    anchor = cur.fetchone()[0]

    def day(offset):
        return (anchor.fromtimestamp(anchor.timestamp() + offset * DAY, anchor.tzinfo)).isoformat()

    last_day = window(day(-1), day(0), 300)                       # 24 h, 288 intervals
    cur.execute("SELECT array_agg(id::text ORDER BY id) FROM (SELECT id FROM deployment ORDER BY name LIMIT 10) d")
    deployment_ids = cur.fetchone()[0]
    cur.execute("SELECT name FROM work_pool ORDER BY name LIMIT 1")
    pool = cur.fetchone()[0]
    ids_sql = ", ".join(f"'{i}'" for i in deployment_ids)
    return [
        ("S1", "24 h x 288 intervals, unfiltered", "flow_run", last_day, "TRUE"),
        ("S2", "S1 + flow_runs.state.type.any_ + flows.tags.all_", "flow_run",
         dict(last_day, flow_runs={"state": {"type": {"any_": ["FAILED", "CRASHED"]}}},
              flows={"tags": {"all_": ["etl"]}}),
         "flow_run.state_type IN ('FAILED', 'CRASHED') AND EXISTS (SELECT 1 FROM flow "
         "WHERE flow.id = flow_run.flow_id AND flow.tags ?& ARRAY['etl'])"),
        ("S3", "30 days x 500 intervals, unfiltered", "flow_run", window(day(-30), day(0), 30 * DAY / 500), "TRUE"),
        ("S4a", "60 days x 1 interval", "flow_run", window(day(-60), day(0), 60 * DAY), "TRUE"),
        ("S4b", "60 days x 500 intervals", "flow_run", window(day(-60), day(0), 60 * DAY / 500), "TRUE"),
        ("S5", "S1 + deployments.id.any_ of 10 ids", "flow_run",
         dict(last_day, deployments={"id": {"any_": deployment_ids}}),
         f"EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id "
         f"AND deployment.id IN ({ids_sql}))"),
        ("S6", "S1 + work_pools.name.any_", "flow_run", dict(last_day, work_pools={"name": {"any_": [pool]}}),
         f"EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id "
         f"AND work_pool.id = work_queue.work_pool_id AND work_pool.name IN ('{pool}'))"),
        ("S7", "task-run history, 24 h x 288 intervals", "task_run", last_day, "TRUE"),
        ("S8", "S1 + flows.name.like_", "flow_run", dict(last_day, flows={"name": {"like_": "etl"}}),
         "EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name ILIKE '%etl%')"),
    ]


def timed(cur, statements, runs):
    """Median ms of each (sql, args), each run once per round, in turn, so
    that a slow moment of the machine weighs on all of them alike."""
    for sql, args in statements:            # warm-up, not counted
        cur.execute(sql, args)
        cur.fetchall()
    samples = [[] for _ in statements]
    for _ in range(runs):
        for sample, (sql, args) in zip(samples, statements):
            began = time.perf_counter()
            cur.execute(sql, args)
            cur.fetchall()
            sample.append((time.perf_counter() - began) * 1000)
    return [statistics.median(sample) for sample in samples]


def counts(answer):
    return [(i["interval_start"], sorted((s["state_type"] or "", s["state_name"] or "", s["count_runs"])
                                         for s in i["states"])) for i in answer]


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", help="comma-separated scenario names")
    parser.add_argument("--skip-prefect", action="store_true", help="time only ours and the floor")
    args = parser.parse_args()

    _, cur = harness.connect(args.dsn, quiet=True)
    cur.execute("SET TimeZone = 'UTC'")
    cur.execute("SELECT count(*) FROM flow_run")
    flow_runs = cur.fetchone()[0]
    print("| scenario | runs counted | ours ms | floor ms | floor, answer's columns ms | Prefect's query ms "
          "| same, JIT off ms | ours / floor | Prefect / ours | Prefect JIT off / ours |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    failed = False
    for name, what, run_type, request, where in scenarios(cur):
        if args.only and name not in args.only.split(","):
            continue
        body = json.dumps(request)
        # answers are fetched once; timings are of the server's work (IS NOT NULL
        # keeps the result from being sent and parsed by the client)
        cur.execute(f"SELECT {run_type}_history_json(%s)", (body,))
        ours = cur.fetchone()[0]
        first, last = ours[0]["interval_start"], ours[-1]["interval_end"]
        matched = sum(s["count_runs"] for i in ours for s in i["states"])
        window_where = (f"WHERE {run_type}.expected_start_time >= %s AND {run_type}.expected_start_time < %s "
                        f"AND ({where.replace('%', '%%')})")
        floor_sql = f"SELECT count(*), sum({run_type}.total_run_time) FROM {run_type} {window_where}"
        columns_sql = (f"SELECT count(*), sum({run_type}.total_run_time), max({run_type}.state_type), "
                       f"max({run_type}.state_name), max({run_type}.start_time), "
                       f"max({run_type}.state_timestamp) FROM {run_type} {window_where}")
        cur.execute(floor_sql, (first, last))
        floor_count = cur.fetchone()[0]
        if floor_count != matched:
            print(f"{name}: the floor counts {floor_count} runs, ours {matched}", file=sys.stderr)
            failed = True
        ours_ms, floor_ms, columns_ms = timed(
            cur, [(f"SELECT {run_type}_history_json(%s) IS NOT NULL", (body,)),
                  (floor_sql, (first, last)), (columns_sql, (first, last))], args.runs)
        if args.skip_prefect:
            prefect_ms = prefect_no_jit_ms = None
        else:
            # Prefect's statement runs as a statement of its own, as from asyncpg
            cur.execute("SELECT oracle.reference_sql(%s, %s, %s)", (run_type, body, where))
            prefect_sql = cur.fetchone()[0].replace("%", "%%")
            cur.execute(prefect_sql)
            prefect = cur.fetchone()[0]
            statement = [(f"SELECT ({prefect_sql}) IS NOT NULL", ())]
            prefect_ms, = timed(cur, statement, PREFECT_RUNS)
            cur.execute("SET jit = off")
            prefect_no_jit_ms, = timed(cur, statement, PREFECT_RUNS)
            cur.execute("RESET jit")
            if counts(prefect) != counts(ours):
                print(f"{name}: Prefect's query counts other runs than ours", file=sys.stderr)
                failed = True
        def cells(ms):
            return (f"{ms:.1f}", f"{ms / ours_ms:.0f}x") if ms else ("-", "-")
        prefect_cell, ratio_cell = cells(prefect_ms)
        no_jit_cell, no_jit_ratio_cell = cells(prefect_no_jit_ms)
        print(f"| {name}: {what} | {matched:,} | {ours_ms:.1f} | {floor_ms:.1f} | {columns_ms:.1f} | "
              f"{prefect_cell} | {no_jit_cell} | "
              f"{ours_ms / floor_ms:.2f} | {ratio_cell} | {no_jit_ratio_cell} |", flush=True)
    print(f"\n{flow_runs:,} flow runs; medians of {args.runs} warm runs "
          f"({PREFECT_RUNS} for Prefect's query, each way); ours and the floors measured in turn.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
