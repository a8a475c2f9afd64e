#!/usr/bin/env bash
# Load: pgbench with 8 clients for DURATION seconds (60 by default) mixing
# history calls with inserts and state updates of flow runs.  Each history
# transaction runs under REPEATABLE READ and checks, in one snapshot, that
# the history counts exactly the runs a plain count(*) sees (a mismatch is a
# division by zero, which aborts the client).  Pass: no client aborted, no
# failed transaction, the postmaster never restarted.
#
#   PGHOST=... PGPORT=... PGUSER=... test/reliability/load.sh DATABASE [DURATION]
# DATABASE must hold Prefect's tables with data and the extension; it is
# written to.  The last line is "load: N passed, N failed".
set -euo pipefail

DB=$1
DURATION=${2:-60}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

psql -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS load_window" \
     -c "CREATE TABLE load_window AS
           SELECT date_trunc('day', min(expected_start_time)) AS s,
                  (SELECT id FROM flow ORDER BY id LIMIT 1) AS flow_id FROM flow_run"
started=$(psql -At -c "SELECT pg_postmaster_start_time()")

cat >"$work/history.sql" <<'SQL'
\set day random(0, 59)
\set filtered random(0, 1)
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT 1 / (h.runs = d.runs)::int AS same_runs
  FROM load_window w,
       LATERAL (SELECT coalesce(sum(count_runs), 0) AS runs
                  FROM flow_run_history(jsonb_build_object(
                         'history_start', w.s + :day * interval '1 day',
                         'history_end', w.s + (:day + 1) * interval '1 day',
                         'history_interval_seconds', 3600)
                         || CASE WHEN :filtered = 1
                                 THEN '{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}'::jsonb
                                 ELSE '{}'::jsonb END)) h,
       LATERAL (SELECT count(*) AS runs FROM flow_run
                 WHERE expected_start_time >= w.s + :day * interval '1 day'
                   AND expected_start_time < w.s + (:day + 1) * interval '1 day'
                   AND (:filtered = 0 OR state_type = 'COMPLETED')) d;
SELECT task_run_history_json(jsonb_build_object(
         'history_start', w.s + :day * interval '1 day', 'history_end', w.s + (:day + 2) * interval '1 day',
         'history_interval_seconds', 600, 'flows', '{}'::jsonb)) IS NOT NULL
  FROM load_window w;
COMMIT;
SQL

cat >"$work/writer.sql" <<'SQL'
\set minutes random(0, 86399)
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp, expected_start_time,
                      start_time, total_run_time, tags)
SELECT gen_random_uuid(), 'load-run', w.flow_id, 'RUNNING', 'Running', now(),
       w.s + :minutes * interval '1 minute', w.s + :minutes * interval '1 minute', '0', '["load"]'
  FROM load_window w;
UPDATE flow_run SET state_type = 'COMPLETED', state_name = 'Completed', state_timestamp = now(),
                    end_time = now(), total_run_time = total_run_time + interval '1 minute'
 WHERE id = (SELECT id FROM flow_run WHERE state_type = 'RUNNING' AND name = 'load-run'
             ORDER BY random() LIMIT 1);
SQL

status=0
"$PG_BIN/pgbench" -n -c 8 -j 2 -T "$DURATION" -f "$work/history.sql@6" -f "$work/writer.sql@4" "$DB" \
    >"$work/pgbench.log" 2>&1 || status=$?
grep -E "transactions actually processed|failed transactions|latency average|tps =|aborted" "$work/pgbench.log" || true
problems=0
if [ "$status" -ne 0 ] || grep -q "aborted" "$work/pgbench.log"; then
    echo "load: pgbench exited with $status:"; tail -n 20 "$work/pgbench.log"; problems=1
fi
if [ "$(psql -At -c "SELECT pg_postmaster_start_time()")" != "$started" ]; then
    echo "load: the postmaster restarted"; problems=1
fi
echo "load: $((1 - problems)) passed, $problems failed"
exit "$problems"
