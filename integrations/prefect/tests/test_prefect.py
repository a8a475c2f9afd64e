#!/usr/bin/python3
"""flow_history_prefect over real HTTP and real PostgreSQL.

Starts a primary and a streaming-replication hot standby (pg_basebackup -R),
serves the integration under uvicorn in three ways (standalone_app; the
prefect_app factory around the test stand-in of Prefect's create_app, see
standin/README.md; wrap() outermost around a plain ASGI app), replays the
recorded Prefect requests over HTTP with the golden suite's comparison rules,
and checks pass-through, lifespan, auth, CSRF, version, gzip, body decoding,
503 mapping, replica equality and the recovery-conflict retry.
Prints "prefect: N passed, N failed" last.
"""
import asyncio
import base64
import gzip
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(PACKAGE_DIR))
sys.path[:0] = [PACKAGE_DIR, os.path.join(REPO, "test", "golden")]

from check_golden import canonical, first_difference  # noqa: E402  (the golden suite's rules)
from cluster import Cluster, free_port, wait_for_port  # noqa: E402
from flow_history_prefect import HistoryDatabase  # noqa: E402
from flow_history_prefect.endpoints import INTERVAL_TOO_SHORT  # noqa: E402

ANSWERS = os.path.join(REPO, "test", "golden", "prefect_answers.jsonl.gz")
DATASET = os.path.join(REPO, "test", "golden", "prefect_dataset.sql.gz")
AUTH_STRING = "admin:s3cret"
GOOD_HEADERS = {
    "Content-Type": "application/json",
    "Authorization": "Basic " + base64.b64encode(AUTH_STRING.encode()).decode(),
    "Prefect-Csrf-Token": "test-token",
    "Prefect-Csrf-Client": "test-client",
}
PREFECT_ITEM_ORDER = ("type", "loc", "msg", "input", "ctx")

passed = failed = 0
STARTED = time.monotonic()


def phase(name):
    print(f"-- {time.monotonic() - STARTED:6.1f} s: {name}", flush=True)


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}"[:2000], flush=True)


# ---------------------------------------------------------------- HTTP client

class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.raw = raw
        self.body = gzip.decompress(raw) if self.headers.get("content-encoding") == "gzip" else raw

    def json(self):
        return json.loads(self.body)


def request(port, method, path, body=None, headers=None, chunked=False):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {}, encode_chunked=chunked)
        response = connection.getresponse()
        return Response(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


def post_history(port, route, body, headers=GOOD_HEADERS):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return request(port, "POST", f"/api/{route}/history", data, headers)


class Server:
    """uvicorn serving one factory, as a user starts it."""

    def __init__(self, name, factory, env):
        self.name, self.port = name, free_port()
        self.log = tempfile.NamedTemporaryFile(prefix=f"uvicorn_{name}.", suffix=".log", delete=False)
        environment = dict(os.environ, PYTHONPATH=f"{PACKAGE_DIR}:{HERE}:{HERE}/standin", **env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
             "--port", str(self.port), "--lifespan", "on", "--log-level", "warning"],
            env=environment, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for_port(self.port)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with open(self.log.name) as log:
            text = log.read()
        os.unlink(self.log.name)
        return text


# ---------------------------------------------------------------- databases

def prepare_primary():
    primary = Cluster("primary")
    primary.initdb(["wal_level = replica", "max_wal_senders = 5", "hot_standby = on",
                    "max_standby_streaming_delay = '200ms'", "log_min_messages = warning"])
    primary.start()
    for db, dataset in (("golden", True), ("empty", False), ("hostile", False)):
        primary.psql(f"CREATE DATABASE {db}")
        if db != "empty":
            primary.psql_file(os.path.join(REPO, "test", "fixtures", "prefect_schema.sql"), db)
        primary.psql("CREATE EXTENSION flow_history", db)
        if dataset:
            primary.psql_file(DATASET, db)
    # Prefect's csrf_token table, for the CSRF check of wrap() placed outermost
    primary.psql("""CREATE TABLE csrf_token (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                        token text NOT NULL, client text NOT NULL UNIQUE, expiration timestamptz NOT NULL);
                    INSERT INTO csrf_token (token, client, expiration)
                    VALUES ('test-token', 'test-client', now() + interval '1 day'),
                           ('old-token', 'old-client', now() - interval '1 day');""", "golden")
    # data Prefect fails on (sums beyond int64 microseconds): a 503, not a 422
    primary.psql("""INSERT INTO flow (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'f');
                    INSERT INTO flow_run (name, flow_id, state_type, state_name, expected_start_time,
                                          total_run_time)
                    SELECT 'r' || i, '00000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed',
                           '2030-01-01T00:00:00Z', interval '200000 years'
                      FROM generate_series(1, 2) AS i;""", "hostile")
    # a reader under row-level security whose policy can be made slow, so that a
    # standby read is still running when the primary's lock is replayed
    primary.psql("""CREATE ROLE reader LOGIN;
                    GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
                    CREATE FUNCTION row_delay() RETURNS boolean LANGUAGE plpgsql AS
                      $$BEGIN RETURN true; END$$;
                    ALTER TABLE flow_run ENABLE ROW LEVEL SECURITY;
                    CREATE POLICY reader_rows ON flow_run FOR SELECT TO reader USING (row_delay());""",
                 "golden")
    return primary


def golden_cases():
    with gzip.open(ANSWERS, "rt") as lines:
        return [json.loads(line) for line in lines]


# ---------------------------------------------------------------- checks

def prefect_ordered(item):
    ordered = {key: item[key] for key in PREFECT_ITEM_ORDER if key in item}
    ordered.update({k: v for k, v in item.items() if k not in ordered})
    return ordered


def check_golden_case(server, number, case):
    name = f"{server.name} golden {number} ({case['route']})"
    response = post_history(server.port, case["route"], case["body"])
    bool_interval = isinstance(case["body"].get("history_interval_seconds"), bool)
    if case["status"] == 200:
        if bool_interval and response.status == 422:
            check(name, True)
            return
        if response.status != 200:
            check(name, False, f"status {response.status}: {response.body[:300]!r}")
            return
        check(name + " content-type", response.headers.get("content-type") == "application/json",
              response.headers)
        problem = first_difference(canonical(case["response"]), canonical(response.json()))
        check(name, problem is None, problem)
        return
    # 422: Prefect's body, recorded as the start of its text; ours in Prefect's key order
    if response.status != 422:
        check(name, False, f"status {response.status}, Prefect gave 422: {response.body[:300]!r}")
        return
    answer = response.json()
    if "exception_detail" in answer:
        answer["exception_detail"] = [prefect_ordered(i) for i in answer["exception_detail"]]
    ours = json.dumps(answer, separators=(",", ":"), ensure_ascii=False)
    recorded = case["response"]
    check(name, ours.startswith(recorded) or ours == recorded,
          f"\n  ours:    {ours[:600]}\n  Prefect: {recorded[:600]}")


def check_refusals(server, expect_csrf):
    body = {"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-03T00:00:00Z",
            "history_interval_seconds": 3600}
    without = dict(GOOD_HEADERS)
    del without["Authorization"]
    for label, headers in (("missing credentials", without),
                           ("wrong password", dict(GOOD_HEADERS, Authorization="Basic "
                                                   + base64.b64encode(b"admin:nope").decode())),
                           ("not basic", dict(GOOD_HEADERS, Authorization="Bearer abc")),
                           ("garbage", dict(GOOD_HEADERS, Authorization="Basic !!!"))):
        for route in ("flow_runs", "task_runs"):
            response = post_history(server.port, route, body, headers)
            check(f"{server.name} auth {label} {route} -> 401",
                  response.status == 401 and response.json() == {"exception_message": "Unauthorized"},
                  f"{response.status} {response.body[:200]!r}")
    response = post_history(server.port, "flow_runs", body)
    check(f"{server.name} auth right credentials -> 200", response.status == 200, response.status)

    for version, status in (("0.7.9", 400), ("1.2", 400), ("x.y.z", 400), ("0.8.0", 200), ("3.1.4", 200)):
        response = post_history(server.port, "flow_runs", body,
                                dict(GOOD_HEADERS, **{"X-Prefect-API-Version": version}))
        ok = response.status == status and (status == 200 or "detail" in response.json())
        check(f"{server.name} api version {version} -> {status}", ok,
              f"{response.status} {response.body[:200]!r}")

    if expect_csrf:
        for label, changes in (("no token", {"Prefect-Csrf-Token": None}),
                               ("no client", {"Prefect-Csrf-Client": None}),
                               ("wrong token", {"Prefect-Csrf-Token": "forged"}),
                               ("expired token", {"Prefect-Csrf-Token": "old-token",
                                                  "Prefect-Csrf-Client": "old-client"})):
            headers = {k: v for k, v in dict(GOOD_HEADERS, **changes).items() if v is not None}
            response = post_history(server.port, "flow_runs", body, headers)
            check(f"{server.name} csrf {label} -> 403", response.status == 403,
                  f"{response.status} {response.body[:200]!r}")


def check_wire(server):
    """gzip, body decoding and the 422 shapes of what FastAPI does before Prefect's code."""
    body = {"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-31T00:00:00Z",
            "history_interval_seconds": 3600}
    plain = post_history(server.port, "flow_runs", body)
    zipped = post_history(server.port, "flow_runs", body, dict(GOOD_HEADERS, **{"Accept-Encoding": "gzip"}))
    check(f"{server.name} gzip when asked", zipped.headers.get("content-encoding") == "gzip"
          and len(zipped.raw) < len(plain.raw)
          and canonical(zipped.json()) == canonical(plain.json()),
          zipped.headers)
    check(f"{server.name} no gzip unasked", "content-encoding" not in plain.headers, plain.headers)

    for origin, expected in (("http://allowed.example", "http://allowed.example"),
                             ("http://other.example", None)):
        response = post_history(server.port, "flow_runs", body, dict(GOOD_HEADERS, Origin=origin))
        check(f"{server.name} CORS header for {origin}",
              response.headers.get("access-control-allow-origin") == expected, response.headers)

    text = json.dumps(body).encode()
    for label, content_type in (("text/plain", "text/plain"), ("no content type", None)):
        headers = {k: v for k, v in dict(GOOD_HEADERS, **{"Content-Type": content_type}).items()
                   if v is not None}
        response = post_history(server.port, "flow_runs", text, headers)
        answer = response.json() if response.status == 422 else {}
        check(f"{server.name} {label} -> 422 missing", response.status == 422
              and [e["loc"] for e in answer["exception_detail"]] ==
              [["body", "history_start"], ["body", "history_end"], ["body", "history_interval_seconds"]]
              and answer["request_body"] == text.decode(), f"{response.status} {response.body[:300]!r}")
    response = post_history(server.port, "flow_runs", b"")
    check(f"{server.name} empty body -> 422", response.status == 422
          and len(response.json()["exception_detail"]) == 3 and response.json()["request_body"] is None,
          response.body[:300])
    response = post_history(server.port, "task_runs", b'{"history_start": ')
    answer = response.json() if response.status == 422 else {}
    check(f"{server.name} malformed JSON -> 422 json_invalid", response.status == 422
          and answer["exception_detail"][0]["type"] == "json_invalid"
          and answer["exception_detail"][0]["loc"] == ["body", 18], response.body[:300])
    response = post_history(server.port, "flow_runs", b'[1, 2]')
    check(f"{server.name} array body -> 422, every key missing", response.status == 422
          and len(response.json()["exception_detail"]) == 9, response.body[:300])
    response = post_history(server.port, "task_runs", dict(body, flows={"id": {"any_": ["x"], "nope": 1}}))
    answer = response.json() if response.status == 422 else {}
    check(f"{server.name} task_runs invalid filter -> 422 with loc", response.status == 422
          and answer["exception_detail"][0]["loc"][:3] == ["body", "flows", "id"], response.body[:300])


def check_unavailable(primary):
    body = {"history_start": "2030-01-01T00:00:00Z", "history_end": "2030-01-02T00:00:00Z",
            "history_interval_seconds": 3600}
    unavailable = {"exception_message": "Service Unavailable"}
    cases = (("database unreachable", f"postgresql://postgres@127.0.0.1:{free_port()}/golden"),
             ("tables missing", primary.dsn("empty")),
             ("hostile data", primary.dsn("hostile")))
    for label, url in cases:
        server = Server(f"standalone-{label.replace(' ', '-')}", "flow_history_prefect:standalone_app",
                        {"FLOW_HISTORY_DATABASE_URL": url})
        try:
            response = post_history(server.port, "flow_runs", body)
            check(f"503 when {label}", response.status == 503 and response.json() == unavailable,
                  f"{response.status} {response.body[:300]!r}")
            if label != "database unreachable":
                response = post_history(server.port, "flow_runs", {"history_start": "soon"})
                check(f"422 still when {label}", response.status == 422, response.status)
        finally:
            server.stop()


def check_pass_through(server, answered_by):
    response = request(server.port, "GET", "/api/health", headers=GOOD_HEADERS)
    check(f"{server.name} other path passes through", response.status == 200
          and (response.json() is True or response.json().get("answered_by") == answered_by),
          response.body[:200])
    response = request(server.port, "GET", "/api/flow_runs/history", headers=GOOD_HEADERS)
    if answered_by == "plain":
        ok = response.status == 200 and response.json()["method"] == "GET"
    else:
        ok = response.status == 405
    check(f"{server.name} other method passes through", ok, f"{response.status} {response.body[:200]!r}")
    response = request(server.port, "POST", "/api/flow_runs/history/extra", b"{}", GOOD_HEADERS)
    check(f"{server.name} longer path passes through", response.status in (200, 404, 405)
          and b"interval_start" not in response.body, response.body[:200])

    payload = os.urandom(3 * 1024 * 1024)
    chunks = (payload[i:i + 65536] for i in range(0, len(payload), 65536))
    response = request(server.port, "POST", "/api/upload", chunks,
                       dict(GOOD_HEADERS, **{"Content-Type": "application/octet-stream"}), chunked=True)
    import hashlib
    check(f"{server.name} streamed upload passes through unchanged", response.status == 200
          and response.json()["sha256"] == hashlib.sha256(payload).hexdigest()
          and response.json()["size"] == len(payload), response.body[:200])
    if answered_by == "stand-in":
        response = request(server.port, "GET", "/api/stream", headers=GOOD_HEADERS)
        check(f"{server.name} streamed response passes through",
              response.body == "".join(f"{i}\n" for i in range(1000)).encode(), response.body[:100])
        response = request(server.port, "GET", "/api/lifespan", headers=GOOD_HEADERS)
        check(f"{server.name} lifespan reached the wrapped app", response.json() == ["startup"],
              response.body)
    else:
        response = request(server.port, "GET", "/api/anything", headers=GOOD_HEADERS)
        check(f"{server.name} lifespan reached the wrapped app",
              response.json().get("lifespan") == ["startup"], response.body)


def pool_connections(primary):
    return int(primary.psql("SELECT count(*) FROM pg_stat_activity"
                            " WHERE application_name = 'flow_history_prefect'"))


# ---------------------------------------------------------------- request_errors

def dotted(loc):
    """["body", "flows", "id", "any_", 0] -> flows.id.any_[0], as the extension's messages write it"""
    text = ""
    for step in loc[1:]:
        text += f"[{step}]" if isinstance(step, int) else (("." if text else "") + step)
    return text


def check_request_errors_agree(dsn, cases, count):
    """flow_history_request_errors() against the history functions on fuzzed
    bodies (test/fuzz's mutations of the recorded requests): items exactly when
    the history call is rejected, at the path its error names; [] exactly when
    it answers; raised errors raised alike."""
    import random

    import psycopg2

    sys.path.insert(0, os.path.join(REPO, "test", "fuzz"))
    from fuzz import Raw, mutate, to_json

    sys.set_int_max_str_digits(0)     # the mutations include 100,000-digit numbers
    rng = random.Random(13)
    connection = psycopg2.connect(dsn)
    connection.autocommit = True
    cur = connection.cursor()
    cur.execute("SET statement_timeout = '10s'; SET client_min_messages = warning")
    seeds = [(case["route"][:-1], case["body"]) for case in cases]
    for number in range(count):
        run_type, seed = rng.choice(seeds)
        request = json.loads(json.dumps(seed))
        for _ in range(rng.randrange(0, 4)):
            request = mutate(request, rng, False) if not isinstance(request, Raw) else request
        text = to_json(request)
        try:
            cur.execute("SELECT flow_history_request_errors(%s::jsonb, %s)", (text, run_type))
            items, raised = cur.fetchone()[0], None
        except psycopg2.Error as error:
            items, raised = None, error.pgcode
        try:
            cur.execute(f"SELECT {run_type}_history_json(%s::jsonb)", (text,))
            cur.fetchone()
            history_error = None
        except psycopg2.Error as error:
            history_error = error
        name = f"request_errors agrees with {run_type}_history_json on fuzzed body {number}"
        detail = f"items {items}, raised {raised}, history {history_error and history_error.pgerror}: {text[:300]}"
        if raised is not None:
            check(name, history_error is not None and history_error.pgcode == raised, detail)
        elif not items:
            check(name, history_error is None, detail)
        else:
            ok = history_error is not None and history_error.pgcode.startswith("22")
            path = dotted(items[0]["loc"])
            if ok and len(items) == 1 and items[0]["type"] not in ("missing", INTERVAL_TOO_SHORT) \
                    and all(len(str(step)) < 60 for step in items[0]["loc"]):
                ok = f'"{path}"' in history_error.pgerror
            check(name, ok, detail)
    connection.close()


# ---------------------------------------------------------------- replica

async def write_load(dsn, seconds):
    import asyncpg

    async def writer(n):
        connection = await asyncpg.connect(dsn)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            await connection.execute("""
                INSERT INTO flow_run (name, flow_id, deployment_id, work_queue_id, state_type, state_name,
                                      expected_start_time, start_time, total_run_time, tags)
                SELECT 'load-' || gen_random_uuid(), flow_id, deployment_id, work_queue_id,
                       (enum_range(NULL::state_type))[1 + (random() * 8)::int], state_name,
                       expected_start_time + random() * interval '1 hour', start_time,
                       total_run_time, tags
                  FROM flow_run TABLESAMPLE BERNOULLI (1) LIMIT 20""")
            await connection.execute("""UPDATE flow_run SET state_type = 'COMPLETED', state_name = 'Completed'
                                         WHERE id IN (SELECT id FROM flow_run WHERE name LIKE 'load-%'
                                                       AND state_type = 'RUNNING' LIMIT 5
                                                       FOR UPDATE SKIP LOCKED)""")
        await connection.close()
    await asyncio.gather(*(writer(n) for n in range(4)))


# Every kind of recovery conflict the standby counts: the lock replayed from the
# primary is the one provoked, but a cleanup record replayed meanwhile can
# end the read first as a snapshot conflict
CONFLICTS_COUNTED = ("SELECT confl_tablespace + confl_lock + confl_snapshot + confl_bufferpin"
                     " + confl_deadlock FROM pg_stat_database_conflicts WHERE datname = 'golden'")


async def replica_checks(primary, standby, cases):
    import asyncpg

    await write_load(primary.dsn("golden"), 5)
    lsn = primary.psql("SELECT pg_current_wal_lsn()", "golden")
    deadline = time.monotonic() + 60
    while standby.psql(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn") != "t":
        if time.monotonic() > deadline:
            check("standby catches up", False, "no replay to the primary's LSN in 60 s")
            return
        await asyncio.sleep(0.1)
    check("standby replayed the write load", True)

    through_replica = HistoryDatabase(primary.dsn("golden"), standby.dsn("golden", tcp=True))
    on_primary = HistoryDatabase(primary.dsn("golden"))
    compared = 0
    for number, case in enumerate(cases, 1):
        if case["status"] != 200:
            continue
        run_type = case["route"][:-1]
        body = json.dumps(case["body"])
        replica_answer = await through_replica.history(run_type, body)
        primary_answer = await on_primary.history(run_type, body)
        problem = first_difference(canonical(json.loads(primary_answer.body)),
                                   canonical(json.loads(replica_answer.body)))
        check(f"replica answer {number} equals the primary's", problem is None, problem)
        compared += 1
    check("every replica answer was read on the standby",
          through_replica.counters.replica_reads == compared
          and through_replica.counters.conflict_retries == 0, through_replica.counters)

    # the recovery-conflict retry: a standby read still running when the primary's
    # ACCESS EXCLUSIVE lock on flow_run is replayed (max_standby_streaming_delay 200 ms)
    body = json.dumps({"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-02-01T00:00:00Z",
                       "history_interval_seconds": 86400})
    expected = canonical(json.loads((await on_primary.history("flow_run", body)).body))
    delay_functions = {
        "cancelled statement": "BEGIN PERFORM pg_sleep(0.002); RETURN true; END",
        # inside a subtransaction the standby cannot cancel: it ends the session
        "terminated connection": "BEGIN BEGIN PERFORM pg_sleep(0.002); RETURN true;"
                                 " EXCEPTION WHEN division_by_zero THEN RETURN false; END; END",
    }
    for label, function_body in delay_functions.items():
        primary.psql(f"CREATE OR REPLACE FUNCTION row_delay() RETURNS boolean LANGUAGE plpgsql"
                     f" AS $${function_body}$$", "golden")
        lsn = primary.psql("SELECT pg_current_wal_lsn()", "golden")
        while standby.psql(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn") != "t":
            await asyncio.sleep(0.05)
        conflicts_before = int(standby.psql(CONFLICTS_COUNTED))
        database = HistoryDatabase(primary.dsn("golden", user="reader"),
                                   standby.dsn("golden", user="reader", tcp=True))
        reading = asyncio.ensure_future(database.history("flow_run", body))
        deadline = time.monotonic() + 10
        while standby.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'reader'"
                           " AND state = 'active'") == "0" and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        primary.psql("BEGIN; LOCK TABLE flow_run IN ACCESS EXCLUSIVE MODE; COMMIT;", "golden")
        answer = await reading
        conflicts_after = conflicts_before
        for _ in range(50):
            conflicts_after = int(standby.psql(CONFLICTS_COUNTED))
            if conflicts_after > conflicts_before:
                break
            await asyncio.sleep(0.1)
        check(f"conflict ({label}) counted by pg_stat_database_conflicts",
              conflicts_after > conflicts_before, (conflicts_before, conflicts_after))
        check(f"conflict ({label}) retried once on the primary",
              database.counters.conflict_retries == 1 and database.counters.primary_reads == 1,
              database.counters)
        problem = (first_difference(expected, canonical(json.loads(answer.body)))
                   if hasattr(answer, "body") else f"no answer: {answer}")
        check(f"conflict ({label}) answer equals the primary's", problem is None, problem)
        await database.close()
    with open(os.path.join(standby.dir, "server.log"), errors="replace") as log:
        text = log.read()
    check("the standby cancelled a statement for a conflict",
          "canceling statement due to conflict with recovery" in text)
    check("the standby terminated a connection for a conflict",
          "terminating connection due to conflict with recovery" in text)
    primary.psql("CREATE OR REPLACE FUNCTION row_delay() RETURNS boolean LANGUAGE plpgsql"
                 " AS $$BEGIN RETURN true; END$$", "golden")
    await through_replica.close()
    await on_primary.close()


# ---------------------------------------------------------------- main

def main():
    cases = golden_cases()
    phase("clusters")
    primary = prepare_primary()
    standby = None
    servers = []
    try:
        standby = Cluster("standby")
        standby.basebackup_from(primary)
        standby.start()

        common = {"PREFECT_SERVER_API_AUTH_STRING": AUTH_STRING,
                  "PREFECT_SERVER_CORS_ALLOWED_ORIGINS": "http://allowed.example,http://ui.example"}
        marker = os.path.join(primary.dir, "standin-shutdown")
        standalone = Server("standalone", "flow_history_prefect:standalone_app",
                            dict(common, FLOW_HISTORY_DATABASE_URL=primary.dsn("golden")))
        in_prefect = Server("prefect_app", "flow_history_prefect:prefect_app",
                            dict(common, PREFECT_SERVER_CSRF_PROTECTION_ENABLED="true",
                                 STANDIN_SHUTDOWN_MARKER=marker,
                                 PREFECT_API_DATABASE_CONNECTION_URL="postgresql+asyncpg://postgres@127.0.0.1:"
                                 f"{primary.port}/golden"))
        outermost = Server("wrap", "plain_app:wrapped",
                           dict(common, PREFECT_SERVER_CSRF_PROTECTION_ENABLED="1",
                                FLOW_HISTORY_DATABASE_URL=primary.dsn("golden", tcp=True)))
        servers = [standalone, in_prefect, outermost]

        for server in servers:
            phase(f"golden replay, refusals and wire checks on {server.name}")
            for number, case in enumerate(cases, 1):
                check_golden_case(server, number, case)
            check_refusals(server, expect_csrf=server is not standalone)
            check_wire(server)
        # inside Prefect's chain, Prefect's own CSRF middleware refused (the stand-in's answer)
        response = post_history(in_prefect.port, "flow_runs", {}, {k: v for k, v in GOOD_HEADERS.items()
                                                                  if k != "Prefect-Csrf-Token"})
        check("prefect_app sits inside Prefect's CSRF middleware",
              response.status == 403 and response.json() == {"detail": "Missing CSRF token."}, response.body)

        for path, method in (("/api/health", "GET"), ("/api/flows/filter", "POST")):
            response = request(standalone.port, method, path, b"{}", GOOD_HEADERS)
            check(f"standalone {method} {path} -> 404", response.status == 404, response.status)
        response = request(standalone.port, "GET", "/api/flow_runs/history", headers=GOOD_HEADERS)
        check("standalone GET on a history path -> 405", response.status == 405, response.status)
        phase("pass-through")
        check_pass_through(in_prefect, "stand-in")
        check_pass_through(outermost, "plain")

        phase("shutdown")
        check("pools hold connections while serving", pool_connections(primary) > 0,
              pool_connections(primary))
        for server in servers:
            log = server.stop()
            check(f"{server.name} stopped cleanly", server.process.returncode == 0
                  and "Traceback" not in log, log[-2000:])
        servers = []
        check("lifespan shutdown reached the wrapped app",
              os.path.exists(marker) and open(marker).read() == "shutdown")
        deadline = time.monotonic() + 5
        while pool_connections(primary) and time.monotonic() < deadline:
            time.sleep(0.1)
        check("pools closed at shutdown", pool_connections(primary) == 0, pool_connections(primary))

        phase("flow_history_request_errors against the history functions")
        check_request_errors_agree(primary.dsn("golden"),
                                   cases, int(os.environ.get("ERRORS_FUZZ_REQUESTS", "2000")))
        phase("503 mapping")
        check_unavailable(primary)
        phase("replica")
        asyncio.run(replica_checks(primary, standby, cases))
        check("no server crashed", not primary.crashed() and not standby.crashed())
    finally:
        for server in servers:
            server.stop()
        if standby is not None:
            standby.stop()
        primary.stop()
    print(f"prefect: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
