#!/usr/bin/env bash
# test/oracle/run.sh: the differential oracle, against a running server.
#
# Needs a running PostgreSQL 15 with flow_history installed (make install) and
# libpq pointed at it (PGHOST, PGPORT, PGUSER). Creates (re-creates) the
# database "oracle" (ORACLE_DB to change it), loads Prefect's schema, the
# seeded data set, the extension, the reference and the corpus, then runs
# check_oracle.py. Its last line is "oracle: N passed, N failed" and its exit
# status is check_oracle.py's.
#
#   PGHOST=/tmp/pg PGPORT=5432 PGUSER=postgres test/oracle/run.sh [check_oracle.py options]
set -euo pipefail

ORACLE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$ORACLE_DIR/../.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
DB=${ORACLE_DB:-oracle}

# The data set the corpus was written against (see cases.sql).
SEED=42
FLOW_RUNS=20000
TASK_RUNS_PER_FLOW_RUN=2.5
NULL_STATE_RUNS=30

psql_quiet() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "== oracle: database $DB (seed=$SEED flow_runs=$FLOW_RUNS task_runs_per_flow_run=$TASK_RUNS_PER_FLOW_RUN null_state_runs=$NULL_STATE_RUNS)" >&2
PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/dropdb" --if-exists "$DB"
"$PG_BIN/createdb" "$DB"
psql_quiet -d "$DB" -c "SET client_min_messages = warning" -f "$REPO/test/fixtures/prefect_schema.sql"
psql_quiet -d "$DB" -v seed="$SEED" -v flow_runs="$FLOW_RUNS" \
    -v task_runs_per_flow_run="$TASK_RUNS_PER_FLOW_RUN" -v null_state_runs="$NULL_STATE_RUNS" \
    -f "$REPO/test/fixtures/generate_data.sql" >/dev/null
psql_quiet -d "$DB" -f "$ORACLE_DIR/extra_rows.sql"
psql_quiet -d "$DB" -c "CREATE EXTENSION flow_history"
psql_quiet -d "$DB" -c "SET client_min_messages = warning" -f "$ORACLE_DIR/reference.sql"
psql_quiet -d "$DB" -f "$ORACLE_DIR/cases.sql"

status=0
PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" \
    "$PYTHON" "$ORACLE_DIR/check_oracle.py" --dsn "dbname=$DB" "$@" || status=$?
exit "$status"
