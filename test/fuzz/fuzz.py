#!/usr/bin/python3
"""Fuzz the four history functions with mutated requests.

Seeds are the API page's request (test/fixtures/seed_request.json, with its
window moved over the data) and, when the target database holds the
differential oracle's corpus (oracle.cases), every request of that corpus.
Each round takes a seed, applies one to four mutations (dropped, duplicated
and retyped keys, huge arrays, deep nesting, invalid escapes, extreme
date-times and intervals, NaN/Infinity, 0 and negative numbers, 10 MB
strings, SQL-looking strings) and sends the result as JSON text through one
of flow_run_history, flow_run_history_json, task_run_history and
task_run_history_json.

Pass, for every request: the server stays up (no lost connection, same
postmaster), a rejection is an ERROR whose SQLSTATE is not of class XX
(internal error), and an accepted request returns a well-formed answer (intervals in
order, each of the interval length, states with counts >= 1 and sums >= 0;
rows likewise).  The last line is "fuzz: N passed, N failed".
"""
import json
import os
import random
import sys
import time
from datetime import datetime
from decimal import Decimal

import psycopg2
import psycopg2.errors

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import harness  # noqa: E402  (test/harness.py)

FUNCTIONS = ["flow_run_history_json", "task_run_history_json", "flow_run_history", "task_run_history"]
FILTER_KEYS = ["flows", "flow_runs", "task_runs", "deployments", "work_pools", "work_queues"]
OPERATOR_KEYS = ["any_", "not_any_", "all_", "like_", "startswith_", "is_null_", "before_", "after_",
                 "eq_", "exists_", "ge_", "le_", "id_", "type_", "operator"]
NASTY_STRINGS = [
    "", " ", "'", "''", "\\", "\\\\", "%", "_", "%_%", "$1", "$6", ";", "'; DROP TABLE flow_run; --",
    "\" OR 1=1 --", "SELECT", "NULL", "null", "true", "and_", "or_", "{}", "[]", "\u00e9\u00e8",
    "\u2212", "\U0001F600", "a" * 300, "COMPLETED", "completed", "SCHEDULED", "Late",
    "3c90c3cc-0d44-4b50-8888-8dd25736052a", "{3c90c3cc-0d44-4b50-8888-8dd25736052a}",
    "urn:uuid:3c90c3cc-0d44-4b50-8888-8dd25736052a", "3c90c3cc0d444b5088888dd25736052a",
    "2024-01-01", "2024-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "1704067200", "1704067200.5", "-1",
    "nan", "inf", "-inf", "1e308", "PT1H", "1_000", " 60 ", "yes", "off",
]
NASTY_NUMBERS = [0, -1, 1, 0.5, 0.9999995, 0.9999994, 1e-7, 7, 59.999999, 3600, 86400, 5400.5,
                 1e6, 1e10, 1e13, 1e300, -1e300, 2 ** 31, 2 ** 63, -(2 ** 63), 2 ** 64,
                 1704067200, 1704067200123, 253402300800, -62135596801, 20000000000.5]
RAW_LITERALS = ["NaN", "Infinity", "-Infinity", "\"\\ud800\"", "\"\\u0000\"", "\"\\uZZZZ\"", "1e99999"]


class Raw:
    """A piece of JSON text inserted as is (invalid JSON on purpose)."""

    def __init__(self, text):
        self.text = text


class DuplicateKeys(dict):
    """An object written with one key twice (jsonb keeps the last)."""

    def __init__(self, base, key, first):
        super().__init__(base)
        self.key = key
        self.first = first


def to_json(value):
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, DuplicateKeys):
        items = [json.dumps(value.key) + ":" + to_json(value.first)]
        items += [json.dumps(k) + ":" + to_json(v) for k, v in value.items()]
        return "{" + ",".join(items) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k) + ":" + to_json(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    return json.dumps(value)


def containers(value, path=()):
    """Every (path, container) in a JSON tree, down to a depth of 40."""
    if isinstance(value, (dict, list)) and len(path) < 40:
        yield path, value
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            yield from containers(child, path + (key,))


def random_scalar(rng):
    choice = rng.randrange(6)
    if choice == 0:
        return rng.choice(NASTY_STRINGS)
    if choice == 1:
        return rng.choice(NASTY_NUMBERS)
    if choice == 2:
        return rng.choice([True, False, None])
    if choice == 3:
        return [rng.choice(NASTY_STRINGS) for _ in range(rng.randrange(4))]
    if choice == 4:
        return {rng.choice(OPERATOR_KEYS): rng.choice(NASTY_STRINGS)}
    return Raw(rng.choice(RAW_LITERALS))


def mutate(request, rng, big):
    """Apply one mutation somewhere in the request (in place where possible)."""
    places = list(containers(request))
    path, node = rng.choice(places)
    kind = rng.randrange(12 if big else 9)
    if isinstance(node, dict) and node and kind < 2:
        key = rng.choice(list(node))
        if kind == 0:
            del node[key]                                   # dropped key
        else:
            node[key] = DuplicateKeys({}, key, random_scalar(rng)) if rng.random() < 0.2 \
                else random_scalar(rng)                      # retyped value
        return request
    if kind == 2 and isinstance(node, dict):
        node[rng.choice(FILTER_KEYS + OPERATOR_KEYS + ["state", "type", "name", "tags", "id", "x"])] = \
            random_scalar(rng)                               # added key
        return request
    if kind == 3 and isinstance(node, dict) and node:
        key = rng.choice(list(node))
        return replace(request, path, DuplicateKeys(node, key, random_scalar(rng)))
    if kind == 4 and isinstance(node, list):
        node.append(random_scalar(rng))
        return request
    if kind == 5:
        request["history_interval_seconds"] = rng.choice(NASTY_NUMBERS + NASTY_STRINGS[:5] + [True, False])
        return request
    if kind == 6:
        request[rng.choice(["history_start", "history_end"])] = rng.choice(
            NASTY_STRINGS[36:50] + NASTY_NUMBERS[-6:] + [None, {}, []])
        return request
    if kind == 7 and isinstance(node, dict):
        key = rng.choice(list(node) or ["flows"])
        node[key] = random_scalar(rng)
        return request
    if kind == 8:
        return Raw(to_json(request)[: rng.randrange(1, 200)])  # truncated JSON
    # the expensive ones, a few percent of rounds
    if kind == 9:
        size = rng.choice([10_000, 100_000])
        element = rng.choice(["3c90c3cc-0d44-4b50-8888-8dd25736052a", "x", "COMPLETED", 1])
        filter_key = rng.choice(["flow_runs", "flows", "deployments", "task_runs"])
        request.setdefault(filter_key, {})
        if isinstance(request[filter_key], dict):
            request[filter_key][rng.choice(["id", "name"])] = {"any_": [element] * size}
        return request
    if kind == 10:
        depth = rng.choice([100, 1000, 5000])    # PostgreSQL's own parser limits the depth
        value = rng.choice(NASTY_STRINGS)
        for _ in range(depth):
            value = [value] if rng.random() < 0.5 else {"any_": value}
        request[rng.choice(FILTER_KEYS)] = value
        return request
    if kind == 11:
        # a 10 MB string; as an ILIKE pattern it costs PostgreSQL's planner
        # ~10 s (selectivity estimation lowers it per statistics entry), so rarely
        big_string = "x" * (10 * 1024 * 1024)
        request.setdefault("flow_runs", {})
        if isinstance(request["flow_runs"], dict):
            if rng.random() < 0.1:
                request["flow_runs"]["name"] = {"like_": big_string}
            else:
                request["flow_runs"][rng.choice(["name", "idempotency_key", "flow_version"])] = \
                    {"any_": [big_string]}
    return request                          # no mutation applied to this node


def replace(tree, path, value):
    if not path:
        return value
    node = tree
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return tree


def check_answer(function, answer):
    """None if the answer is well formed, else what is wrong."""
    if function.endswith("_json"):
        if not isinstance(answer, list):
            return "answer is not an array"
        previous_end = None
        lengths = set()
        for interval in answer:
            if set(interval) != {"interval_start", "interval_end", "states"}:
                return f"interval keys {sorted(interval)}"
            start, end = interval["interval_start"], interval["interval_end"]
            if not (isinstance(start, str) and start.endswith("Z") and isinstance(end, str) and end > start):
                return f"bad interval [{start}, {end})"
            if previous_end is not None and start != previous_end:
                return f"interval {start} does not follow {previous_end}"
            previous_end = end
            lengths.add(datetime.fromisoformat(end) - datetime.fromisoformat(start))
            if len(lengths) > 1:
                return f"intervals of different lengths {sorted(lengths)}"
            for state in interval["states"]:
                if set(state) != {"state_type", "state_name", "count_runs",
                                  "sum_estimated_run_time", "sum_estimated_lateness"}:
                    return f"state keys {sorted(state)}"
                if not (isinstance(state["count_runs"], int) and state["count_runs"] >= 1):
                    return f"count_runs {state['count_runs']}"
                for key in ("sum_estimated_run_time", "sum_estimated_lateness"):
                    if Decimal(str(state[key])) < 0:
                        return f"{key} {state[key]}"
        if len(answer) > 500:
            return f"{len(answer)} intervals"
        return None
    previous = None
    for row in answer:
        start, end, state_type, state_name, count, run_time, lateness = row
        if end <= start or count < 0 or run_time.total_seconds() < 0 or lateness.total_seconds() < 0:
            return f"bad row {row}"
        if count == 0 and (state_type is not None or state_name is not None):
            return f"empty row with a state {row}"
        if previous is not None and start < previous:
            return "rows out of order"
        previous = start
    return None


def load_seeds(cur, seed_file, corpus_cur):
    with open(seed_file) as f:
        page = json.load(f)
    seeds = []
    cur.execute("SELECT min(expected_start_time), max(expected_start_time) FROM flow_run")
    low, high = cur.fetchone()
    if low is not None:
        page = dict(page, history_start=low.isoformat(), history_end=high.isoformat(),
                    history_interval_seconds=max(1, int((high - low).total_seconds() // 50)))
    seeds.append(page)
    corpus_cur.execute("SELECT to_regclass('oracle.cases') IS NOT NULL")
    if corpus_cur.fetchone()[0]:
        corpus_cur.execute("SELECT request FROM oracle.cases ORDER BY name")
        seeds += [row[0] for row in corpus_cur.fetchall()]
    return seeds


def main():
    parser = harness.arguments(__doc__)
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seed-file", required=True, help="test/fixtures/seed_request.json")
    parser.add_argument("--corpus-dsn", help="a database holding oracle.cases (default: --dsn)")
    parser.add_argument("--statement-timeout", default="5s")
    args = parser.parse_args()

    sys.setrecursionlimit(50000)        # to write deeply nested requests
    rng = random.Random(args.seed)
    connection, cur = harness.connect(args.dsn)
    cur.execute("SELECT pg_postmaster_start_time()")
    postmaster_started = cur.fetchone()[0]
    cur.execute("SET statement_timeout = %s", (args.statement_timeout,))
    cur.execute("SET client_min_messages = warning")
    corpus = psycopg2.connect(args.corpus_dsn) if args.corpus_dsn else connection
    seeds = load_seeds(cur, args.seed_file, corpus.cursor())
    print(f"fuzz: {len(seeds)} seed requests, {args.requests} mutated requests")

    passed = failed = accepted = timeouts = 0
    slowest = []
    sqlstates = {}
    began = time.time()
    for number in range(args.requests):
        request = json.loads(json.dumps(rng.choice(seeds)))
        big = rng.random() < 0.01
        for _ in range(rng.randrange(1, 5)):
            request = mutate(request, rng, big) if not isinstance(request, Raw) else request
        text = to_json(request)
        function = rng.choice(FUNCTIONS)
        sql = (f"SELECT {function}(%s::jsonb)" if function.endswith("_json")
               else f"SELECT * FROM {function}(%s::jsonb)")
        problem = None
        started = time.time()
        try:
            cur.execute(sql, (text,))
            rows = cur.fetchall()
            answer = rows[0][0] if function.endswith("_json") else rows
            problem = check_answer(function, answer)
            accepted += 1
        except psycopg2.errors.QueryCanceled:
            timeouts += 1
        except psycopg2.OperationalError as error:
            problem = f"connection lost: {error}"
        except psycopg2.Error as error:
            sqlstates[error.pgcode] = sqlstates.get(error.pgcode, 0) + 1
            if harness.is_internal_error(error):
                problem = f"SQLSTATE {error.pgcode}: {(error.pgerror or '').strip()[:300]}"
        slowest = sorted(slowest + [(time.time() - started, function, text[:200])], reverse=True)[:5]
        if problem is None:
            passed += 1
        else:
            failed += 1
            print(f"fuzz request {number} via {function}: {problem}\n  request: {text[:500]}")
            if connection.closed or problem.startswith("connection lost"):
                break

    try:
        check = psycopg2.connect(args.dsn)
        c = check.cursor()
        c.execute("SELECT pg_postmaster_start_time()")
        if c.fetchone()[0] != postmaster_started:
            print("fuzz: the postmaster restarted")
            failed += 1
        check.close()
    except psycopg2.Error as error:
        print(f"fuzz: cannot reconnect: {error}")
        failed += 1

    elapsed = time.time() - began
    print(f"fuzz: {accepted} accepted, {passed + failed - accepted - timeouts} rejected, "
          f"{timeouts} over statement_timeout, in {elapsed:.0f} s; SQLSTATEs: {dict(sorted(sqlstates.items()))}")
    for seconds, function, text in slowest:
        print(f"fuzz: slowest: {seconds:.2f} s {function} {text}")
    return harness.verdict("fuzz", passed, failed)


if __name__ == "__main__":
    sys.exit(main())
