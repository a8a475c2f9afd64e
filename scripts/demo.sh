#!/usr/bin/env bash
# The demo, from a fresh Debian 12 machine: installs what is missing, builds,
# starts a throwaway PostgreSQL 15, loads a realistic Prefect-shaped sample
# (20,000 flow runs and their task runs over the last 60 days) and runs the
# API page's request, then a few history queries.  The extension is installed
# into a private copy of PostgreSQL in the cluster's directory, not into the
# system's PostgreSQL.  The cluster is left running so that you can try your
# own; the last lines say how to reach it and how to stop and remove it.
#
#   scripts/demo.sh            (as root; otherwise sudo must be available)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_dependencies
prepare_postgres
build_and_install
start_cluster
create_prefect_database prefect
log "loading the sample (test/fixtures/generate_data.sql), anchored at now"
load_demo_sample prefect

demo_sql() {
    "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -d prefect -P pager=off --echo-queries "$@"
}

# The seed request is 200 lines: it is passed as a variable and not echoed.
log "the API page's request, verbatim (history_start = history_end: Prefect answers [])"
demo_sql -v seed="$(cat "$REPO/test/fixtures/seed_request.json")" <<'SQL'
\echo 'SELECT flow_run_history_json(:''seed'');   -- seed: test/fixtures/seed_request.json'
\set ECHO none
SELECT flow_run_history_json(:'seed');
SQL

log "the same body over a 2-hour window: every filter object is applied (its ids match nothing here)"
demo_sql -v seed="$(cat "$REPO/test/fixtures/seed_request.json")" <<'SQL'
\echo SELECT count(*) AS intervals, min(interval_start), max(interval_end), sum(count_runs) AS runs
\echo '  FROM flow_run_history(jsonb_set(:''seed''::jsonb, ''{history_end}'', ''"2023-11-07T07:31:56Z"''));'
\set ECHO none
SELECT count(*) AS intervals, min(interval_start), max(interval_end), sum(count_runs) AS runs
  FROM flow_run_history(jsonb_set(:'seed'::jsonb, '{history_end}', '"2023-11-07T07:31:56Z"'));
SQL

log "the last 24 hours in 4-hour intervals, every flow run"
demo_sql <<'SQL'
SET timezone = 'UTC';
SELECT interval_start, state_type, state_name, count_runs,
       sum_estimated_run_time, sum_estimated_lateness
  FROM flow_run_history(date_trunc('hour', now()) - interval '24 hours', date_trunc('hour', now()), '4 hours')
 WHERE count_runs > 0 AND state_type IN ('FAILED', 'CRASHED', 'RUNNING', 'COMPLETED');
SQL

log "Prefect's JSON response for a dashboard-style request (failed and crashed runs of tagged flows, 6-hour intervals)"
demo_sql <<'SQL'
SELECT jsonb_pretty(flow_run_history_json(jsonb_build_object(
         'history_start', date_trunc('hour', now()) - interval '24 hours',
         'history_end', date_trunc('hour', now()),
         'history_interval_seconds', 21600,
         'flow_runs', '{"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}'::jsonb,
         'flows', '{"tags": {"all_": ["etl"]}}'::jsonb)));
SQL

log "task-run history and the query a request compiles to"
demo_sql <<'SQL'
SELECT state_name, sum(count_runs) AS task_runs
  FROM task_run_history(now() - interval '7 days', now(), '1 day')
 WHERE count_runs > 0 GROUP BY state_name ORDER BY 2 DESC;
SELECT flow_history_explain('{"history_start": "2024-01-01", "history_end": "2024-01-02",
                              "history_interval_seconds": 3600,
                              "deployments": {"tags": {"any_": ["prod"]}}}');
SQL

trap - EXIT
cat <<MSG

The cluster keeps running (the extension is installed in $RUN_DIR/install only).
Explore it with:
    $PG_BIN/psql -h $PGHOST -p $PGPORT -U postgres prefect
Stop and remove it with:
    $( [ "$(id -u)" -eq 0 ] && echo "runuser -u postgres -- " )$PG_BIN/pg_ctl -D $RUN_DIR/data stop && rm -rf $RUN_DIR
MSG
