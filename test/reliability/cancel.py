#!/usr/bin/python3
"""Cancellation: statement_timeout and pg_cancel_backend stop a history call in every phase.

Gates compare with a baseline measured in the same run, so that a loaded
machine does not fail a correct build: the baseline is how long after its
statement_timeout a plain query (no extension) of the same size ends, the
worst of three.

1. Executor and request phases, over a database of at least a million flow
   runs (--dsn):
     query    a 60-day window whose filter costs per row (an any_ list of
              thousands of tags): time spent in PostgreSQL's executor;
     request  a filter of 5,000,000 values, prepared in a table: flow_history's
              own loops read and bind them.
   Each is stopped once by statement_timeout and once by pg_cancel_backend();
   the cancel is sent once the backend has spent --inside seconds of CPU
   time in the call's work (for the request, after the CPU time PostgreSQL
   takes to detoast the list, measured first), so that it lands inside the
   work however busy the machine is; statement_timeout then fires at the
   wall time that took.  Pass: SQLSTATE 57014 within baseline + --margin.
2. Every phase of a large answer (--names-dsn, a database holding
   test/reliability/distinct_states.sql with a million runs of distinct state
   names in one hour): 500 intervals of 7.2 s, rows and JSON, serial and
   parallel, the JSON text form, and the JSON form of one interval holding
   every state.  The whole call is timed first; then statement_timeout fires at
   10%, 30%, 50%, 70% and 90% of that time, so that it lands in the scan,
   the aggregation, the parallel combine, serialising, reading, sorting and
   emitting, and pg_cancel_backend() once at 50%.  Only calls that end with
   57014 count.  Pass: each stops within baseline + --big-margin (1 s).  The
   JSON form is timed as pg_column_size(flow_run_history_json(...)):
   PostgreSQL's own jsonb-to-text conversion, after the function returns,
   does not check for interrupts (README, Limits).
The last line is "cancel: N passed, N failed".
"""
import argparse
import sys
import threading
import time

import psycopg2

FRACTIONS = (0.1, 0.3, 0.5, 0.7, 0.9)
WINDOW = ('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T01:00:00Z", '
          '"history_interval_seconds": 7.2}')
ONE_INTERVAL = ('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T01:00:00Z", '
                '"history_interval_seconds": 3600}')
# form -> (SQL, modes it is cancelled in)
BIG_CALLS = {
    "rows": (f"SELECT count(*) FROM flow_run_history('{WINDOW}')", ("serial", "parallel")),
    "json": (f"SELECT pg_column_size(flow_run_history_json('{WINDOW}'))", ("serial", "parallel")),
    "text": (f"SELECT length(flow_run_history_json_text('{WINDOW}'))", ("serial",)),
    "json, 1 interval": (f"SELECT pg_column_size(flow_run_history_json('{ONE_INTERVAL}'))", ("serial",)),
}
PARALLEL = ("SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; "
            "SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0; "
            "SET enable_indexscan = off; SET enable_bitmapscan = off")
SERIAL = "SET max_parallel_workers_per_gather = 0"
BASELINE = ("SELECT count(DISTINCT (state_type, state_name)), sum(extract(epoch FROM total_run_time)) "
            "FROM distinct_states.flow_run")


def connect(dsn):
    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    return connection


def backend_cpu_seconds(pid):
    """utime + stime of a backend, from /proc (the server runs here)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100.0


def timed_cancel(dsn, sql, setup, timeout=None, cancel_at=None, cancel_after_cpu=None):
    """Run sql; cancel it by statement_timeout (seconds), by pg_cancel_backend
    at cancel_at seconds of wall time or once the backend used cancel_after_cpu
    seconds of CPU.  Returns (seconds from the cancel to the end, or None if
    the call finished first; the SQLSTATE or None; seconds from the start to
    the cancel)."""
    connection = connect(dsn)
    cur = connection.cursor()
    cur.execute("SELECT pg_backend_pid()")
    pid = cur.fetchone()[0]
    for statement in setup:
        cur.execute(statement)
    sent = {}
    if timeout is not None:
        cur.execute("SET statement_timeout = %s", (max(1, int(timeout * 1000)),))
    else:
        def cancel():
            if cancel_after_cpu is not None:
                start_cpu = backend_cpu_seconds(pid)
                while backend_cpu_seconds(pid) - start_cpu < cancel_after_cpu:
                    time.sleep(0.005)
            else:
                time.sleep(cancel_at)
            other = connect(dsn)
            sent["at"] = time.monotonic()
            other.cursor().execute("SELECT pg_cancel_backend(%s)", (pid,))
            other.close()
        threading.Thread(target=cancel, daemon=True).start()
    began = time.monotonic()
    try:
        cur.execute(sql)
        cur.fetchall()
        return None, None, None
    except psycopg2.Error as error:
        ended = time.monotonic()
        cancelled_at = began + timeout if timeout is not None else sent.get("at", ended)
        return ended - cancelled_at, error.pgcode, cancelled_at - began
    finally:
        connection.close()


def duration(dsn, sql, setup):
    connection = connect(dsn)
    cur = connection.cursor()
    for statement in setup:
        cur.execute(statement)
    began = time.monotonic()
    cur.execute(sql)
    cur.fetchall()
    connection.close()
    return time.monotonic() - began


def cpu_seconds(dsn, sql, setup):
    """CPU time a backend spends on sql."""
    connection = connect(dsn)
    cur = connection.cursor()
    for statement in setup:
        cur.execute(statement)
    cur.execute("SELECT pg_backend_pid()")
    pid = cur.fetchone()[0]
    began = backend_cpu_seconds(pid)
    cur.execute(sql)
    cur.fetchall()
    used = backend_cpu_seconds(pid) - began
    connection.close()
    return used


def baseline(dsn, setup=()):
    """Worst latency of three statement_timeouts at half a plain query's time."""
    plain = duration(dsn, BASELINE, setup)
    latencies = []
    for _ in range(3):
        latency, code, _ = timed_cancel(dsn, BASELINE, setup, timeout=plain / 2)
        if code == "57014":
            latencies.append(latency)
    if not latencies:
        raise SystemExit("cancel: the baseline query was never cancelled")
    return max(latencies), plain


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, latency, code, allowed):
        if code != "57014":
            print(f"cancel: {name}: not counted ({'finished first' if code is None else code})")
            return
        if latency <= allowed:
            self.passed += 1
            print(f"cancel: {name}: stopped {latency:.3f} s after the cancel (allowed {allowed:.3f} s)")
        else:
            self.failed += 1
            print(f"cancel: {name}: FAILED, stopped {latency:.3f} s after the cancel (allowed {allowed:.3f} s)")

    def require(self, name, counted):
        if not counted:
            self.failed += 1
            print(f"cancel: {name}: FAILED, no call was cancelled")


def executor_and_request(dsn, tally, base, margin, inside):
    connection = connect(dsn)
    cur = connection.cursor()
    cur.execute("SELECT count(*) FROM flow_run")
    if cur.fetchone()[0] < 1000000:
        raise SystemExit("cancel: --dsn needs at least 1,000,000 flow runs")
    connection.close()
    setup = ("""CREATE TEMP TABLE cancel_setup AS
        SELECT min(expected_start_time) AS min_s, max(expected_start_time) AS max_s,
               (SELECT jsonb_agg('no-such-tag-' || i) FROM generate_series(1, 5000) i) AS tags,
               jsonb_build_object('history_start', min(expected_start_time),
                                  'history_end', max(expected_start_time),
                                  'history_interval_seconds', 3600,
                                  'flow_runs', jsonb_build_object('name', jsonb_build_object('any_',
                                      (SELECT jsonb_agg('name-' || i) FROM generate_series(1, 5000000) i))))
                   AS big_request
          FROM flow_run""",)
    calls = {
        "query": """SELECT flow_run_history_json(jsonb_build_object(
                      'history_start', min_s, 'history_end', max_s, 'history_interval_seconds', 3600,
                      'flow_runs', jsonb_build_object('tags', jsonb_build_object('any_', tags))))
                    FROM cancel_setup""",
        "request": "SELECT flow_run_history_json(big_request) FROM cancel_setup",
    }
    # the request call first detoasts its 5,000,000 values in PostgreSQL's
    # code; flow_history's loops begin after that much CPU time
    before = {"query": 0.0,
              "request": cpu_seconds(dsn, "SELECT jsonb_typeof(big_request) FROM cancel_setup", setup)}
    for call, sql in calls.items():
        # cancel once the backend has worked `inside` s of CPU in the call
        latency, code, sent_after = timed_cancel(dsn, sql, setup, cancel_after_cpu=before[call] + inside)
        tally.check(f"{call} by pg_cancel_backend", latency, code, base + margin)
        tally.require(f"{call} by pg_cancel_backend", code == "57014")
        # statement_timeout when the backend got that far in wall time
        latency, code, _ = timed_cancel(dsn, sql, setup, timeout=sent_after)
        tally.check(f"{call} by statement_timeout", latency, code, base + margin)
        tally.require(f"{call} by statement_timeout", code == "57014")


def big_answer(dsn, tally, base, margin):
    for mode, mode_setup in (("serial", SERIAL), ("parallel", PARALLEL)):
        setup = ("SET flow_history.schema = 'distinct_states'", *mode_setup.split("; "))
        for form, (sql, modes) in BIG_CALLS.items():
            if mode not in modes:
                continue
            whole = duration(dsn, sql, setup)
            print(f"cancel: {form}, {mode}: the whole call takes {whole:.2f} s")
            counted = 0
            for fraction in FRACTIONS:
                latency, code, _ = timed_cancel(dsn, sql, setup, timeout=whole * fraction)
                tally.check(f"{form}, {mode}, statement_timeout at {fraction:.0%}", latency, code,
                            base + margin)
                counted += code == "57014"
            latency, code, _ = timed_cancel(dsn, sql, setup, cancel_at=whole * 0.5)
            tally.check(f"{form}, {mode}, pg_cancel_backend at 50%", latency, code, base + margin)
            counted += code == "57014"
            tally.require(f"{form}, {mode}", counted >= 4)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="", help="a database with at least 1M Prefect flow runs")
    parser.add_argument("--names-dsn", default="",
                        help="a database holding test/reliability/distinct_states.sql's table")
    parser.add_argument("--margin", type=float, default=0.25,
                        help="seconds allowed beyond the baseline for the executor and request calls")
    parser.add_argument("--big-margin", type=float, default=1.0,
                        help="seconds allowed beyond the baseline for the large answer's phases")
    parser.add_argument("--inside", type=float, default=0.3,
                        help="CPU seconds the backend spends in a call before it is cancelled")
    args = parser.parse_args()
    base, plain = baseline(args.names_dsn)
    print(f"cancel: baseline: a plain {plain:.2f} s query stops {base:.3f} s after its statement_timeout")
    tally = Tally()
    executor_and_request(args.dsn, tally, base, args.margin, args.inside)
    big_answer(args.names_dsn, tally, base, args.big_margin)
    print(f"cancel: {tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
