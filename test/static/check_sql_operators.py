#!/usr/bin/python3
"""Every operator and cast in the SQL the C sources write is pg_catalog's.

Reads the string literals of the files that hold SQL templates (adjacent
literals joined, as the compiler joins them), keeps those that are SQL (they
name a table, a column template or a parameter), and removes what is allowed:
OPERATOR(pg_catalog.x), casts to pg_catalog.x, quoted literals, {placeholders},
$n and printf conversions.  Any operator character or "::" left over is an
unqualified operator or type, which another role's object could match
(sql/hijack.sql shows the same at run time for the requests it makes).
The operators found are listed; the last line is
"sql_operators: N passed, N failed".
"""
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FILES = ["src/filter_models.c", "src/filter_compose.c", "src/history_query.c"]
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
IS_SQL = re.compile(r"\{col\}|\{param\}|\{[a-z_]+\}|\$%d|\bSELECT\b|\bEXISTS\b|\bFROM\b")
ALLOWED = [
    re.compile(r"OPERATOR\(pg_catalog\.[^)]+\)"),
    re.compile(r"::pg_catalog\.[a-z0-9_]+(\[\])?"),
    re.compile(r"'[^']*'"),
    re.compile(r"\{[a-z_]+\}"),
    re.compile(r"\$(%d|\d+)"),
    re.compile(r"%[sd]"),
]
OPERATOR_CHARS = re.compile(r"[-+*/<>=~!@#%^&|`?]|::")


def sql_literals(text):
    """The file's string literals, adjacent ones joined, that are SQL."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    joined, previous_end = [], None
    for match in LITERAL.finditer(text):
        value = match.group(1).replace('\\"', '"').replace("\\n", " ")
        if previous_end is not None and text[previous_end:match.start()].strip() == "":
            joined[-1] += value
        else:
            joined.append(value)
        previous_end = match.end()
    # explain's "-- $n = value" lines describe parameters; they are not run
    return [literal for literal in joined
            if IS_SQL.search(literal) and not literal.strip().startswith("--")]


def main():
    passed = failed = 0
    operators = set()
    for name in FILES:
        with open(os.path.join(REPO, name)) as source:
            for literal in sql_literals(source.read()):
                operators.update(re.findall(r"OPERATOR\(pg_catalog\.([^)]+)\)", literal))
                rest = literal
                for allowed in ALLOWED:
                    rest = allowed.sub(" ", rest)
                if OPERATOR_CHARS.search(rest):
                    failed += 1
                    print(f"sql_operators: {name}: unqualified operator or type in: {literal.strip()}")
                else:
                    passed += 1
    print(f"sql_operators: operators used: {' '.join(sorted(operators))}")
    print(f"sql_operators: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
