"""What the Python test harnesses and benchmarks share: arguments, connection, verdict.

A harness imports it after putting test/ on its path:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    import harness

    parser = harness.arguments(__doc__)            # --dsn, described by the docstring
    args = parser.parse_args()
    connection, cur = harness.connect(args.dsn)
    ...
    return harness.verdict("golden", passed, failed)

scripts/test.sh counts a suite by its last line, "<suite>: N passed, N failed".
"""
import argparse

DSN_HELP = "libpq connection string (PGHOST, PGPORT and PGUSER apply as usual)"


def arguments(doc, dsn="", dsn_help=DSN_HELP):
    """A parser described by the first line of doc, with --dsn unless dsn is False."""
    parser = argparse.ArgumentParser(description=doc.strip().splitlines()[0])
    if dsn is not False:
        parser.add_argument("--dsn", default=dsn, help=dsn_help)
    return parser


def connect(dsn, autocommit=True, quiet=False):
    """(connection, cursor); quiet sets client_min_messages to warning (no NOTICEs)."""
    import psycopg2     # only the harnesses that connect need it installed

    connection = psycopg2.connect(dsn)
    connection.autocommit = autocommit
    cur = connection.cursor()
    if quiet:
        cur.execute("SET client_min_messages = warning")
    return connection, cur


def is_internal_error(error):
    """A database error without an SQLSTATE, or of class XX (internal error): a bug."""
    return error.pgcode is None or error.pgcode.startswith("XX")


def verdict(suite, passed, failed):
    """Print the line scripts/test.sh counts; the exit status (1 if anything failed)."""
    print(f"{suite}: {passed} passed, {failed} failed")
    return 1 if failed else 0
