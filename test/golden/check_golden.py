#!/usr/bin/python3
"""Compare flow_history's answers with the ones Prefect's own server gave.

Reads --answers (test/golden/prefect_answers.jsonl.gz: 332 requests answered
by Prefect over test/golden/prefect_dataset.sql.gz, already loaded into the
database of --dsn) and applies the comparison rules of test/golden/README.md:
  - same intervals, same set of (state_type, state_name) per interval, same counts;
  - sums equal to the microsecond for terminal states (COMPLETED, FAILED,
    CANCELLED, CRASHED); the other states' sums depend on now(), so only their
    counts are compared;
  - a 422 from Prefect must be an ERROR here whose SQLSTATE is not of class XX;
  - a boolean history_interval_seconds may give Prefect's answer or an error.
Prints one line per mismatch and a final "golden: N passed, N failed".
"""
import gzip
import json
import os
import sys
from decimal import Decimal

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (test/harness.py)

TERMINAL = {"COMPLETED", "FAILED", "CANCELLED", "CRASHED"}
FUNCTIONS = {"flow_runs": "flow_run_history_json", "task_runs": "task_run_history_json"}


def usecs(seconds):
    value = Decimal(str(seconds)) * 1000000
    if value != value.to_integral_value():
        raise ValueError(f"sum {seconds} is not a whole number of microseconds")
    return int(value)


def canonical(response):
    """Intervals in order; per interval a dict (type, name) -> comparable values."""
    result = []
    for interval in response:
        states = {}
        for state in interval["states"]:
            key = (state["state_type"], state["state_name"])
            values = {"count_runs": state["count_runs"]}
            if state["state_type"] in TERMINAL:
                values["sum_estimated_run_time"] = usecs(state["sum_estimated_run_time"])
                values["sum_estimated_lateness"] = usecs(state["sum_estimated_lateness"])
            states[key] = values
        result.append((interval["interval_start"], interval["interval_end"], states))
    return result


def first_difference(expected, actual):
    if len(expected) != len(actual):
        return f"{len(actual)} intervals, Prefect gave {len(expected)}"
    for (es, ee, estates), (as_, ae, astates) in zip(expected, actual):
        if (es, ee) != (as_, ae):
            return f"interval [{as_}, {ae}), Prefect gave [{es}, {ee})"
        if estates != astates:
            for key in sorted(set(estates) | set(astates), key=str):
                if estates.get(key) != astates.get(key):
                    return (f"interval {es}: state {key}: got {astates.get(key)}, "
                            f"Prefect gave {estates.get(key)}")
    return None


def check(cur, case):
    body = case["body"]
    function = FUNCTIONS[case["route"]]
    bool_interval = isinstance(body.get("history_interval_seconds"), bool)
    try:
        cur.execute(f"SELECT {function}(%s::jsonb)", (json.dumps(body),))
        answer = cur.fetchone()[0]
    except psycopg2.Error as error:
        if case["status"] == 422 or bool_interval:
            if not harness.is_internal_error(error):
                return None
            return f"rejected with SQLSTATE {error.pgcode}: {error.pgerror.strip()}"
        return f"ERROR {error.pgcode}: {error.pgerror.strip()}"
    if case["status"] == 422:
        return "accepted a request Prefect rejects with 422"
    return first_difference(canonical(case["response"]), canonical(answer))


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--answers", required=True, help="prefect_answers.jsonl.gz")
    args = parser.parse_args()

    _, cur = harness.connect(args.dsn)
    passed = failed = 0
    with gzip.open(args.answers, "rt") as lines:
        for number, line in enumerate(lines, 1):
            case = json.loads(line)
            problem = check(cur, case)
            if problem is None:
                passed += 1
            else:
                failed += 1
                print(f"golden case {number} ({case['route']}): {problem}\n"
                      f"  request: {json.dumps(case['body'])[:1000]}")
    return harness.verdict("golden", passed, failed)


if __name__ == "__main__":
    sys.exit(main())
