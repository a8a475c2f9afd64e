#!/usr/bin/python3
"""Differential oracle: flow_history's JSON answers against a plain-SQL reference.

For every case of oracle.cases (test/oracle/cases.sql) this runs, in ONE
statement and therefore one transaction (so that now() agrees):

    flow_run_history_json(request) or task_run_history_json(request)
    oracle.reference_history(run_type, request, where_sql)   -- reference.sql

and compares the two answers:
  - the same intervals, in the same order (interval_start, interval_end);
  - per interval, the same set of states keyed by (state_type, state_name)
    (Prefect leaves their order undefined);
  - per state, count_runs equal and both sums equal to the microsecond
    (numbers parsed with Decimal, compared as integer microseconds).

Prints each mismatch (case, request, both answers, truncated) and ends with
"oracle: N passed, N failed"; exit status 1 if anything failed.
"""
import json
import os
import sys
from decimal import Decimal, ROUND_HALF_EVEN

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (test/harness.py)

FUNCTIONS = {"flow_run": "flow_run_history_json", "task_run": "task_run_history_json"}
MAX_SHOWN = 1500


def usecs(value):
    """Seconds (a JSON number) as integer microseconds; None if not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return int((Decimal(str(value)) * 1000000).to_integral_value(rounding=ROUND_HALF_EVEN))


def parse(text):
    """A JSON answer, numbers as Decimal so that nothing is rounded."""
    return json.loads(text, parse_float=Decimal)


def shorten(text, limit=MAX_SHOWN):
    """An answer as the database wrote it, cut to limit characters."""
    if not isinstance(text, str):
        text = json.dumps(text, default=str)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


def compare(ours, ref):
    """A list of human-readable differences (empty if the answers agree)."""
    problems = []
    if not isinstance(ours, list):
        return [f"our answer is not a JSON array: {shorten(ours, 200)}"]
    if len(ours) != len(ref):
        problems.append(f"{len(ours)} intervals, reference has {len(ref)}")
    for i, (a, b) in enumerate(zip(ours, ref)):
        where = f"interval {i}"
        if set(a) != {"interval_start", "interval_end", "states"}:
            problems.append(f"{where}: keys {sorted(a)}")
        for key in ("interval_start", "interval_end"):
            if a.get(key) != b[key]:
                problems.append(f"{where}: {key} {a.get(key)!r}, reference {b[key]!r}")
        where = f"interval {i} [{b['interval_start']}, {b['interval_end']})"
        states_a, states_b = {}, {}
        for label, states, into in (("ours", a.get("states"), states_a), ("reference", b["states"], states_b)):
            if not isinstance(states, list):
                problems.append(f"{where}: {label} states is not an array")
                continue
            for s in states:
                k = (s.get("state_type"), s.get("state_name"))
                if k in into:
                    problems.append(f"{where}: {label} has state {k} twice")
                into[k] = s
        for k in sorted(set(states_a) | set(states_b), key=repr):
            if k not in states_b:
                problems.append(f"{where}: extra state {k} (count {states_a[k].get('count_runs')})")
                continue
            if k not in states_a:
                problems.append(f"{where}: missing state {k} (count {states_b[k]['count_runs']})")
                continue
            sa, sb = states_a[k], states_b[k]
            if set(sa) != {"state_type", "state_name", "count_runs",
                           "sum_estimated_run_time", "sum_estimated_lateness"}:
                problems.append(f"{where} {k}: keys {sorted(sa)}")
            if sa.get("count_runs") != sb["count_runs"]:
                problems.append(f"{where} {k}: count_runs {sa.get('count_runs')}, reference {sb['count_runs']}")
            for f in ("sum_estimated_run_time", "sum_estimated_lateness"):
                ua, ub = usecs(sa.get(f)), usecs(sb[f])
                if ua is None or ua != ub:
                    problems.append(f"{where} {k}: {f} {sa.get(f)}, reference {sb[f]}"
                                    + ("" if ua is None else f" (diff {ua - ub} us)"))
    return problems


def touched(answer):
    """(intervals, non-empty intervals, runs counted) of an answer."""
    nonempty = sum(1 for i in answer if i["states"])
    runs = sum(int(s["count_runs"]) for i in answer for s in i["states"])
    return len(answer), nonempty, runs


def main():
    parser = harness.arguments(__doc__, dsn="dbname=oracle")
    parser.add_argument("--case", action="append", default=[],
                        help="run only these cases (name, or a prefix ending in '*'); repeatable")
    parser.add_argument("--list", action="store_true",
                        help="print one line per case: intervals, non-empty intervals, runs counted")
    parser.add_argument("--verbose", action="store_true", help="print every difference, not the first 20")
    args = parser.parse_args()

    conn, _ = harness.connect(args.dsn, autocommit=False)
    with conn.cursor() as cur:
        cur.execute("SELECT name, run_type, request::text FROM oracle.cases ORDER BY name")
        cases = cur.fetchall()
    conn.commit()

    if args.case:
        def wanted(name):
            return any(name.startswith(p[:-1]) if p.endswith("*") else name == p for p in args.case)
        cases = [c for c in cases if wanted(c[0])]

    passed = failed = 0
    with_runs = 0
    total_runs = 0
    empty_cases = []
    for name, run_type, request in cases:
        fn = FUNCTIONS[run_type]
        # One statement, one transaction: both sides see the same now().
        sql = (f"SELECT {fn}(c.request)::text, "
               "oracle.reference_history(c.run_type, c.request, c.where_sql)::text "
               "FROM oracle.cases c WHERE c.name = %s")
        try:
            with conn.cursor() as cur:
                cur.execute(sql, (name,))
                ours_text, ref_text = cur.fetchone()
            conn.commit()
        except psycopg2.Error as e:
            conn.rollback()
            failed += 1
            print(f"FAIL {name} ({run_type}): error {e.pgcode}: {str(e).strip()}")
            print(f"     request: {request}")
            continue

        ours, ref = parse(ours_text), parse(ref_text)
        n_intervals, n_nonempty, n_runs = touched(ref)
        total_runs += n_runs
        if n_runs:
            with_runs += 1
        elif n_intervals:
            empty_cases.append(name)
        if args.list:
            print(f"{name:55s} {run_type:8s} intervals={n_intervals:4d} non-empty={n_nonempty:4d} runs={n_runs}")

        problems = compare(ours, ref)
        if problems:
            failed += 1
            print(f"FAIL {name} ({run_type}): {len(problems)} difference(s)")
            print(f"     request:   {request}")
            shown = problems if args.verbose else problems[:20]
            for p in shown:
                print(f"     - {p}")
            if len(shown) < len(problems):
                print(f"     ... {len(problems) - len(shown)} more (--verbose)")
            print(f"     ours:      {shorten(ours_text)}")
            print(f"     reference: {shorten(ref_text)}")
        else:
            passed += 1

    conn.close()
    print(f"cases with at least one run counted: {with_runs} of {len(cases)}; runs counted in all: {total_runs}")
    if empty_cases:
        print(f"cases whose intervals are all empty ({len(empty_cases)}): {', '.join(empty_cases)}")
    return harness.verdict("oracle", passed, failed)


if __name__ == "__main__":
    sys.exit(main())
