#!/usr/bin/python3
"""Peak memory of a history call grows with its answer, not with groups x intervals.

Over test/reliability/distinct_states.sql's table (a run's state name one of
many, 500 intervals of 7.2 s in one hour), each measurement runs in a new
session, so that the backend's high-water mark (VmHWM in /proc: the server
runs here) is that of the one statement; in parallel mode the workers' marks,
sampled every few milliseconds while they live, are added.  work_mem is set
high enough that GROUP BY does not spill, and is the same for every side.

  --bars            rows form and JSON form, serial and parallel, the text
                    form and the JSON form of one interval, serial: each at most
                    --ratio (3) times the peak of SELECT state_type, state_name,
                    count(*) ... GROUP BY 1, 2 over the same rows, same mode
  --address-space   both forms answer with the backend limited to that many
                    bytes of address space (RLIMIT_AS, set with prlimit)
The last line is "memory_peak: N passed, N failed".
"""
import argparse
import pwd
import resource
import subprocess
import sys
import threading
import time

import psycopg2

WINDOW = ('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T01:00:00Z", '
          '"history_interval_seconds": 7.2}')
CALLS = {
    "GROUP BY": ("SELECT count(*) FROM (SELECT state_type, state_name, count(*) FROM distinct_states.flow_run "
                 "WHERE expected_start_time >= '2024-01-01 00:00Z' AND expected_start_time < '2024-01-01 01:00Z' "
                 "GROUP BY 1, 2) AS g"),
    "rows": f"SELECT count(*) FROM flow_run_history('{WINDOW}')",
    "JSON": f"SELECT pg_column_size(flow_run_history_json('{WINDOW}'))",
    "text": f"SELECT length(flow_run_history_json_text('{WINDOW}'))",
    "JSON, 1 interval": ("SELECT pg_column_size(flow_run_history_json('{\"history_start\": \"2024-01-01T00:00:00Z\", "
                         "\"history_end\": \"2024-01-01T01:00:00Z\", \"history_interval_seconds\": 3600}'))"),
}
# the forms measured in each mode (the last two build the answer as the JSON form does)
FORMS = {"serial": ("rows", "JSON", "text", "JSON, 1 interval"), "parallel": ("rows", "JSON")}
MODES = {
    "serial": ["SET max_parallel_workers_per_gather = 0"],
    "parallel": ["SET max_parallel_workers_per_gather = 2", "SET parallel_setup_cost = 0",
                 "SET parallel_tuple_cost = 0", "SET min_parallel_table_scan_size = 0",
                 "SET enable_indexscan = off", "SET enable_bitmapscan = off"],
}


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def limit_address_space(pid, size):
    """RLIMIT_AS of another process: allowed to its own user, or to a root
    holding CAP_SYS_RESOURCE; otherwise prlimit(1) run as the backend's user."""
    try:
        resource.prlimit(pid, resource.RLIMIT_AS, (size, size))
    except PermissionError:
        with open(f"/proc/{pid}/status") as status:
            uid = next(int(line.split()[1]) for line in status if line.startswith("Uid:"))
        subprocess.run(["runuser", "-u", pwd.getpwuid(uid).pw_name, "--", "prlimit", f"--pid={pid}",
                        f"--as={size}:{size}"], check=True)


def peak_kb(dsn, sql, setup, address_space=None):
    """(VmHWM of the backend plus its parallel workers, in kB; error or None)."""
    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    cur = connection.cursor()
    cur.execute("SELECT pg_backend_pid()")
    pid = cur.fetchone()[0]
    for statement in ["SET flow_history.schema = 'distinct_states'", "SET work_mem = '512MB'", *setup]:
        cur.execute(statement)
    if address_space:
        limit_address_space(pid, address_space)
    workers = {}
    done = threading.Event()

    def watch():
        watcher = psycopg2.connect(dsn)
        watcher.autocommit = True
        wcur = watcher.cursor()
        while not done.is_set():
            wcur.execute("SELECT pid FROM pg_stat_activity WHERE leader_pid = %s AND pid <> %s", (pid, pid))
            for (worker,) in wcur.fetchall():
                workers[worker] = max(workers.get(worker, 0), status_kb(worker, "VmHWM"))
            for worker in workers:
                workers[worker] = max(workers[worker], status_kb(worker, "VmHWM"))
            time.sleep(0.003)
        watcher.close()

    thread = threading.Thread(target=watch)
    thread.start()
    error = None
    try:
        cur.execute(sql)
        cur.fetchall()
    except psycopg2.Error as failure:
        error = f"{failure.pgcode}: {failure.pgerror.strip().splitlines()[0]}"
    done.set()
    thread.join()
    leader = status_kb(pid, "VmHWM")
    connection.close()
    return leader + sum(workers.values()), error


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="")
    parser.add_argument("--bars", action="store_true")
    parser.add_argument("--ratio", type=float, default=3.0)
    parser.add_argument("--address-space", type=int, default=0, metavar="BYTES")
    args = parser.parse_args()
    passed = failed = 0
    connection = psycopg2.connect(args.dsn)
    cur = connection.cursor()
    cur.execute("SELECT count(*), count(DISTINCT state_name) FROM distinct_states.flow_run")
    runs, names = cur.fetchone()
    connection.close()
    print(f"memory_peak: {runs:,} runs, {names:,} distinct state names, 500 intervals")
    if args.bars:
        for mode, setup in MODES.items():
            base, error = peak_kb(args.dsn, CALLS["GROUP BY"], setup)
            if error:
                raise SystemExit(f"memory_peak: GROUP BY failed: {error}")
            print(f"memory_peak: {mode}: GROUP BY peaks at {base / 1024:.0f} MB")
            for form in FORMS[mode]:
                peak, error = peak_kb(args.dsn, CALLS[form], setup)
                ratio = peak / base
                ok = error is None and ratio <= args.ratio
                passed += ok
                failed += not ok
                print(f"memory_peak: {mode}: {form} form peaks at {peak / 1024:.0f} MB, {ratio:.2f}x GROUP BY"
                      f"{'' if ok else ', FAILED' + (' ' + error if error else '')}")
    if args.address_space:
        for form in ("rows", "JSON"):
            peak, error = peak_kb(args.dsn, CALLS[form], MODES["serial"], args.address_space)
            ok = error is None
            passed += ok
            failed += not ok
            print(f"memory_peak: {form} form under {args.address_space / 2**30:.0f} GiB of address space: "
                  f"{'answered, peak ' + format(peak / 1024, '.0f') + ' MB' if ok else 'FAILED, ' + error}")
    print(f"memory_peak: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
