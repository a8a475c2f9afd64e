#!/usr/bin/python3
"""Every query the README shows answers something on the demo's data.

Runs each SELECT of README.md's sql code blocks against a database loaded as
scripts/demo.sh loads it (test/fixtures/generate_data.sql anchored at now)
and requires a non-empty answer: rows, and where the answer has run counts
(count_runs, or Prefect's JSON states) at least one run counted.  Other
statements (CREATE EXTENSION, SET) are not run.

Usage: check_readme.py --repo REPO --dsn DSN.  Last line:
"readme: N passed, N failed".
"""
import argparse
import os
import re
import sys

import psycopg2


def sql_examples(readme):
    """The statements of README's sql blocks, in order."""
    statements = []
    for block in re.findall(r"^```sql\n(.*?)^```", readme, re.M | re.S):
        for statement in re.split(r";[ \t]*(?:--[^\n]*)?$", block, flags=re.M):
            code = "\n".join(line for line in statement.splitlines()
                             if not line.lstrip().startswith("--")).strip()
            if code:
                statements.append(code)
    return statements


def runs_counted(value):
    """Runs counted in a JSON answer (a history, or anything holding one)."""
    if isinstance(value, dict):
        return value.get("count_runs", 0) + sum(runs_counted(v) for k, v in value.items() if k != "count_runs")
    if isinstance(value, list):
        return sum(runs_counted(v) for v in value)
    return 0


def answers_something(columns, rows):
    if not rows:
        return False, "no rows"
    if "count_runs" in columns:
        runs = sum(row[columns.index("count_runs")] for row in rows)
        return runs > 0, f"{len(rows)} rows, {runs} runs"
    values = [value for row in rows for value in row]
    if any(isinstance(value, (list, dict)) for value in values):
        runs = sum(runs_counted(value) for value in values)
        return runs > 0, f"JSON with {runs} runs"
    return any(value not in (None, "") for value in values), f"{len(rows)} rows"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--dsn", required=True)
    args = parser.parse_args()
    with open(os.path.join(args.repo, "README.md"), encoding="utf-8") as readme:
        statements = [s for s in sql_examples(readme.read()) if re.match(r"SELECT\b", s, re.I)]
    connection = psycopg2.connect(args.dsn)
    connection.autocommit = True
    passed = failed = 0
    for statement in statements:
        first_line = statement.splitlines()[0]
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
                columns = [column.name for column in cursor.description]
                ok, what = answers_something(columns, cursor.fetchall())
        except psycopg2.Error as error:
            ok, what = False, f"ERROR {error.pgcode}: {error.pgerror.strip()}"
        print(f"{'ok' if ok else 'FAILED'}: {first_line} ... ({what})")
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    if not statements:
        print("FAILED: no SELECT found in README.md's sql blocks")
        failed += 1
    print(f"readme: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
