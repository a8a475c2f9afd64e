#!/usr/bin/python3
"""The Prefect integration over HTTP next to the same call in psql.

The 24 h x 288-interval request (bench.py's S1) on the database of --dsn:
  http   flow_history_prefect:standalone_app under uvicorn (one process),
         loaded by ApacheBench (ab -k) with --clients concurrent clients;
  psql   pgbench with the same clients running
         SELECT flow_run_history_json_text(<the body>), the call the app makes.
Each runs --seconds; prints requests per second and p50/p99 latency (ms).
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def last_day_request(dsn):
    with psycopg2.connect(dsn) as connection, connection.cursor() as cur:
        cur.execute("SELECT date_trunc('day', max(start_time)) + interval '1 day' FROM flow_run")
        anchor = cur.fetchone()[0]
    start = anchor.fromtimestamp(anchor.timestamp() - 86400, anchor.tzinfo)
    return {"history_start": start.isoformat(), "history_end": anchor.isoformat(),
            "history_interval_seconds": 300}


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def bench_http(url, body, clients, seconds):
    port = free_port()
    env = dict(os.environ, FLOW_HISTORY_DATABASE_URL=url,
               PYTHONPATH=os.path.join(REPO, "integrations", "prefect"))
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory",
                               "flow_history_prefect:standalone_app", "--port", str(port),
                               "--log-level", "warning", "--no-access-log"], env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with tempfile.TemporaryDirectory() as tmp:
            body_file, gnuplot = os.path.join(tmp, "body.json"), os.path.join(tmp, "ab.tsv")
            with open(body_file, "w") as f:
                json.dump(body, f)
            url_path = f"http://127.0.0.1:{port}/api/flow_runs/history"
            ab = ["ab", "-q", "-k", "-p", body_file, "-T", "application/json"]
            subprocess.run(ab + ["-n", "50", "-c", "2", url_path], check=True, stdout=subprocess.DEVNULL)
            output = subprocess.run(ab + ["-c", str(clients), "-t", str(seconds), "-n", "10000000",
                                          "-g", gnuplot, url_path],
                                    check=True, stdout=subprocess.PIPE, text=True).stdout
            with open(gnuplot) as tsv:
                next(tsv)
                latencies = sorted(float(line.split("\t")[4]) for line in tsv)   # ttime, ms
        # ab counts answers of another length as failed: the sums of runs in
        # progress depend on now(), so lengths vary; only these are failures
        failures = re.search(r"\(Connect: (\d+), Receive: (\d+), Length: \d+, Exceptions: (\d+)\)", output)
        failed = sum(int(n) for n in failures.groups()) if failures else 0
        non_2xx = re.search(r"Non-2xx responses:\s+(\d+)", output)
        size = int(re.search(r"Document Length:\s+(\d+)", output).group(1))
        rps = float(re.search(r"Requests per second:\s+([\d.]+)", output).group(1))
        return {"rps": rps, "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
                "requests": len(latencies), "failed": failed + (int(non_2xx.group(1)) if non_2xx else 0),
                "bytes": size}
    finally:
        server.terminate()
        server.wait()


def bench_psql(dsn, pg_bin, body, clients, seconds):
    literal = json.dumps(body).replace("'", "''")
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)
        script = os.path.join(tmp, "call.sql")
        with open(script, "w") as f:
            f.write(f"SELECT flow_run_history_json_text('{literal}'::jsonb);\n")
        base = [f"{pg_bin}/pgbench", "-n", "-f", script, "-c", str(clients), "-j", str(clients)]
        subprocess.run(base + ["-t", "20", dsn], check=True, capture_output=True)
        result = subprocess.run(base + ["-T", str(seconds), "-l", "--log-prefix",
                                        os.path.join(tmp, "log"), dsn],
                                check=True, capture_output=True, text=True, cwd=tmp)
        latencies = []
        for name in os.listdir(tmp):
            if name.startswith("log"):
                with open(os.path.join(tmp, name)) as log:
                    latencies += [int(line.split()[2]) / 1000 for line in log]   # us -> ms
        latencies.sort()
        tps = float(re.search(r"tps = ([\d.]+)", result.stdout).group(1))
        return {"rps": tps, "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
                "requests": len(latencies), "failed": 0, "bytes": None}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", required=True, help="libpq keywords, for pgbench and psycopg2")
    parser.add_argument("--url", required=True, help="the same database as postgresql://... for the app")
    parser.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()

    body = last_day_request(args.dsn)
    print(f"request: {json.dumps(body)}; {args.seconds} s per row\n")
    print("| path | clients | requests/s | p50 ms | p99 ms | requests | failed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    failures = 0
    # the asked-for load, then one client: the cost of one request without queueing
    for clients in (args.clients, 1):
        http = bench_http(args.url, body, clients, args.seconds)
        psql = bench_psql(args.dsn, args.pg_bin, body, clients, args.seconds)
        for name, r in (("HTTP (standalone_app, uvicorn, ab -k)", http),
                        ("psql (pgbench, flow_run_history_json_text)", psql)):
            print(f"| {name} | {clients} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p99']:.1f} "
                  f"| {r['requests']} | {r['failed']} |")
        print(f"| HTTP / psql | {clients} | {http['rps'] / psql['rps']:.2f} | {http['p50'] / psql['p50']:.2f} "
              f"| {http['p99'] / psql['p99']:.2f} | | |")
        failures += http["failed"]
    print(f"\nanswer: {http['bytes']} bytes of JSON")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
