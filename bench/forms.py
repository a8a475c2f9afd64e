#!/usr/bin/python3
"""The three forms of one answer against the floor, side by side.

On bench/run.sh's data (or any Prefect database), for the 24 h x 288 and
30 days x 500 requests: the rows (flow_run_history, every row fetched), the
jsonb answer (flow_run_history_json, fetched, so converted to text by the
server), the text built in one pass (flow_run_history_json_text) and the
floor (one pass over the same rows counting and summing one column), timed
in turn, medians of --runs rounds.  Prints a Markdown table.

  bench/forms.py --dsn dbname=bench_1m [--runs 15]
"""
import argparse
import datetime
import json
import statistics
import time

import psycopg2

FORMS = [
    ("rows", "SELECT * FROM flow_run_history(%(body)s)"),
    ("jsonb", "SELECT flow_run_history_json(%(body)s)"),
    ("text", "SELECT flow_run_history_json_text(%(body)s)"),
    ("floor", "SELECT count(*), sum(extract(epoch FROM total_run_time)) FROM flow_run "
              "WHERE expected_start_time >= %(start)s AND expected_start_time < %(end)s"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    connection = psycopg2.connect(args.dsn)
    connection.autocommit = True
    cur = connection.cursor()
    cur.execute("SELECT date_trunc('day', max(start_time)) + interval '1 day' FROM flow_run")
    anchor = cur.fetchone()[0]
    print("| request | rows ms | jsonb ms | text ms | floor ms | text / rows | jsonb / rows | text / floor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, days, step in (("24 h x 288", 1, 300), ("30 days x 500", 30, 30 * 86400 / 500)):
        start = anchor - datetime.timedelta(days=days)
        params = {"start": start, "end": anchor,
                  "body": json.dumps({"history_start": start.isoformat(), "history_end": anchor.isoformat(),
                                      "history_interval_seconds": step})}
        samples = {form: [] for form, _ in FORMS}
        for _ in range(args.runs + 1):          # the first round warms up
            for form, sql in FORMS:
                began = time.perf_counter()
                cur.execute(sql, params)
                cur.fetchall()
                samples[form].append(time.perf_counter() - began)
        ms = {form: statistics.median(values[1:]) * 1000 for form, values in samples.items()}
        print(f"| {name} | {ms['rows']:.1f} | {ms['jsonb']:.1f} | {ms['text']:.1f} | {ms['floor']:.1f} | "
              f"{ms['text'] / ms['rows']:.2f} | {ms['jsonb'] / ms['rows']:.2f} | {ms['text'] / ms['floor']:.2f} |")


if __name__ == "__main__":
    main()
