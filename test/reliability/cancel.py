#!/usr/bin/python3
"""Cancellation: statement_timeout and pg_cancel_backend stop a history call promptly.

Over a database of at least a million flow runs, two calls that would run
for seconds:
  query   a 60-day window whose filter costs per row (an any_ list of
          thousands of tags): the time is spent in PostgreSQL's executor;
  request a filter of millions of values (prepared in a table, so that no
          client sends it): its first half second is spent in flow_history's
          own loops reading and binding them, and it is cancelled there.
Each is stopped once by statement_timeout and once by pg_cancel_backend()
from a second session.  Pass: the call ends with SQLSTATE 57014 within 0.15 s of
the cancel.  A call that finishes before the cancel fails the test: it would
prove nothing.  The last line is "cancel: N passed, N failed".
"""
import argparse
import sys
import threading
import time

import psycopg2

ALLOWED = 0.15          # seconds from the cancel to the error

# call -> (SQL, seconds before the cancel).  The request call is cancelled
# early, while flow_history reads the list: once it has been bound, PostgreSQL's
# planner spends seconds estimating the 5,000,000 values one by one without
# checking for interrupts (plain SQL with such an array does the same).
CALLS = {
    "query": ("""SELECT flow_run_history_json(jsonb_build_object(
                   'history_start', min_s, 'history_end', max_s, 'history_interval_seconds', 3600,
                   'flow_runs', jsonb_build_object('tags', jsonb_build_object('any_', tags))))
                 FROM cancel_setup""", 0.5),
    "request": ("SELECT flow_run_history_json(big_request) FROM cancel_setup", 0.15),
}


def prepare(cur):
    cur.execute("SELECT count(*) FROM flow_run")
    runs = cur.fetchone()[0]
    if runs < 1000000:
        raise SystemExit(f"cancel: needs at least 1,000,000 flow runs, found {runs}")
    cur.execute("""
        CREATE TEMP TABLE cancel_setup AS
        SELECT min(expected_start_time) AS min_s, max(expected_start_time) AS max_s,
               (SELECT jsonb_agg('no-such-tag-' || i) FROM generate_series(1, 5000) i) AS tags,
               jsonb_build_object('history_start', min(expected_start_time),
                                  'history_end', max(expected_start_time),
                                  'history_interval_seconds', 3600,
                                  'flow_runs', jsonb_build_object('name', jsonb_build_object('any_',
                                      (SELECT jsonb_agg('name-' || i) FROM generate_series(1, 5000000) i))))
                   AS big_request
        FROM flow_run""")
    return runs


def run(dsn, call, how):
    """Seconds from the cancel to the error, or a failure message."""
    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    cur = connection.cursor()
    cur.execute("SELECT pg_backend_pid()")
    pid = cur.fetchone()[0]
    prepare(cur)
    sql, cancel_after = CALLS[call]
    if how == "statement_timeout":
        cur.execute("SET statement_timeout = %s", (int(cancel_after * 1000),))
    else:
        def cancel():
            time.sleep(cancel_after)
            other = psycopg2.connect(dsn)
            other.cursor().execute("SELECT pg_cancel_backend(%s)", (pid,))
            other.close()
        threading.Thread(target=cancel, daemon=True).start()
    began = time.monotonic()
    try:
        cur.execute(sql)
        cur.fetchall()
        return f"finished in {time.monotonic() - began:.2f} s, before the cancel: make it longer"
    except psycopg2.errors.QueryCanceled:
        return time.monotonic() - began - cancel_after
    except psycopg2.Error as error:
        return f"ended with {error.pgcode}: {error.pgerror.strip()}"
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="")
    args = parser.parse_args()
    passed = failed = 0
    for call in CALLS:
        for how in ("statement_timeout", "pg_cancel_backend"):
            result = run(args.dsn, call, how)
            if isinstance(result, float) and result <= ALLOWED:
                passed += 1
                print(f"cancel: {call} by {how}: stopped {result:.3f} s after the cancel")
            else:
                failed += 1
                detail = f"stopped {result:.3f} s after the cancel" if isinstance(result, float) else result
                print(f"cancel: {call} by {how}: FAILED, {detail}")
    print(f"cancel: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
