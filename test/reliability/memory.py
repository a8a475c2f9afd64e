#!/usr/bin/python3
"""Memory: a backend's RSS stays flat over many consecutive history calls.

One session calls the four history functions (and flow_history_explain) in
turn, with requests that succeed and requests that fail validation, N times
(10,000 by default).  The backend's resident set (VmRSS in /proc, so the
server must run on this machine) is sampled after the first tenth of the
calls, once caches are warm, and at the end.  Pass: it grew by less than
--max-growth-kb.  The last line is "memory: N passed, N failed".
"""
import json
import os
import sys

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (test/harness.py)

REQUESTS = [
    ("flow_run_history_json", {"history_interval_seconds": 3600}),
    ("task_run_history_json", {"history_interval_seconds": 3600,
                               "flow_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED"]}}}}),
    ("flow_run_history", {"history_interval_seconds": 600,
                          "flows": {"tags": {"all_": ["etl"]}}, "deployments": {"paused": {"eq_": False}}}),
    ("task_run_history", {"history_interval_seconds": 86400, "task_runs": {"name": {"like_": "load"}}}),
    ("flow_history_explain", {"history_interval_seconds": 60, "work_queues": {"name": {"startswith_": ["wq"]}}}),
    ("flow_run_history_json", {"history_interval_seconds": 0.5}),                      # rejected
    ("flow_run_history_json", {"history_interval_seconds": 60, "flows": {"bogus": 1}}),  # rejected
]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--calls", type=int, default=10000)
    parser.add_argument("--max-growth-kb", type=int, default=1024)
    args = parser.parse_args()

    _, cur = harness.connect(args.dsn, quiet=True)
    cur.execute("SELECT pg_backend_pid(), min(expected_start_time), max(expected_start_time) FROM flow_run")
    pid, low, high = cur.fetchone()
    window = {"history_start": low.isoformat(), "history_end": high.isoformat()}
    warm = None
    for call in range(args.calls):
        function, body = REQUESTS[call % len(REQUESTS)]
        request = json.dumps(dict(window, **body))
        try:
            if function.endswith("_history"):
                cur.execute(f"SELECT count(*) FROM {function}(%s)", (request,))
            else:
                cur.execute(f"SELECT length({function}(%s)::text)", (request,))
            cur.fetchall()
        except psycopg2.Error as error:
            if harness.is_internal_error(error):
                raise
        if call + 1 == args.calls // 10:
            warm = rss_kb(pid)
    final = rss_kb(pid)
    growth = final - warm
    ok = growth < args.max_growth_kb
    print(f"memory: backend RSS {warm} kB after {args.calls // 10} calls, {final} kB after {args.calls}: "
          f"{growth:+d} kB ({'flat' if ok else 'GROWING'})")
    return harness.verdict("memory", 1 if ok else 0, 0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main())
