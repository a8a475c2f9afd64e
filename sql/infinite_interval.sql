-- infinite_interval: PostgreSQL 17 added infinite interval values.  A run
-- whose total_run_time is +infinity makes the call fail cleanly (22008,
-- like every estimate out of range); -infinity is an estimate below 0, which
-- counts as 0 (Prefect clamps each run's estimate at 0); an infinite
-- history_interval is a clean error (22008 or 22015).  Before 17 there is
-- nothing to test (expected/infinite_interval_1.out).
\i test/fixtures/regress_setup.sql
SELECT pg_catalog.current_setting('server_version_num')::int >= 170000 AS has_infinite_intervals \gset
\if :has_infinite_intervals
\else
\echo 'interval has no infinite values before PostgreSQL 17'
\quit
\endif

\set ECHO none
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS flow_history;
CREATE SCHEMA regress_infinity;
SET search_path = regress_infinity, public;
\i test/fixtures/prefect_schema.sql
RESET client_min_messages;
\set ECHO all
SET flow_history.schema = 'regress_infinity';
SET timezone = 'UTC';
SET intervalstyle = 'postgres';

-- The SQLSTATE a query raises, or 'ok'.
CREATE FUNCTION pg_temp.sqlstate_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE query;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END
$$;

INSERT INTO flow (id, name) VALUES ('0f000000-0000-4000-8000-000000000001', 'infinity-flow');
-- Hour 0: one run of +infinity.  Hour 1: -infinity, next to a run of 5 s.
-- Hour 2: a RUNNING run of -infinity, 10 minutes into its state.
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, start_time, total_run_time) VALUES
  ('0e000000-0000-4000-8000-000000000001', 'plus', '0f000000-0000-4000-8000-000000000001',
   'COMPLETED', 'Completed', '2024-01-01 00:20Z', '2024-01-01 00:10Z', '2024-01-01 00:10Z', 'infinity'),
  ('0e000000-0000-4000-8000-000000000002', 'minus', '0f000000-0000-4000-8000-000000000001',
   'COMPLETED', 'Completed', '2024-01-01 01:20Z', '2024-01-01 01:10Z', '2024-01-01 01:10Z', '-infinity'),
  ('0e000000-0000-4000-8000-000000000003', 'finite', '0f000000-0000-4000-8000-000000000001',
   'COMPLETED', 'Completed', '2024-01-01 01:25Z', '2024-01-01 01:20Z', '2024-01-01 01:20Z', '5 seconds'),
  ('0e000000-0000-4000-8000-000000000004', 'running', '0f000000-0000-4000-8000-000000000001',
   'RUNNING', 'Running', now() - interval '10 minutes', '2024-01-01 02:10Z', '2024-01-01 02:10Z', '-infinity');
INSERT INTO task_run (id, name, task_key, dynamic_key, flow_run_id, state_type, state_name,
                      expected_start_time, total_run_time) VALUES
  ('0d000000-0000-4000-8000-000000000001', 'plus', 'k', '0', '0e000000-0000-4000-8000-000000000001',
   'COMPLETED', 'Completed', '2024-01-01 00:10Z', 'infinity'),
  ('0d000000-0000-4000-8000-000000000002', 'minus', 'k', '1', '0e000000-0000-4000-8000-000000000002',
   'COMPLETED', 'Completed', '2024-01-01 01:10Z', '-infinity');

-- +infinity: a clean error, in every form
SELECT pg_temp.sqlstate_of($$SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 01:00Z', '1 hour')$$);
SELECT pg_temp.sqlstate_of($$SELECT flow_run_history_json('{"history_start": "2024-01-01T00:00:00Z",
  "history_end": "2024-01-01T01:00:00Z", "history_interval_seconds": 3600}')$$);
SELECT pg_temp.sqlstate_of($$SELECT * FROM task_run_history('2024-01-01 00:00Z', '2024-01-01 01:00Z', '1 hour')$$);
-- a filter that leaves the run out leaves the error out too
SELECT interval_start, state_name, count_runs, sum_estimated_run_time
  FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 01:00Z', '1 hour',
                        '{"flow_runs": {"name": {"any_": ["finite"]}}}');

-- -infinity: counted, with 0 run time (and the 5 s of the other run)
SELECT interval_start, state_name, count_runs, sum_estimated_run_time, sum_estimated_lateness
  FROM flow_run_history('2024-01-01 01:00Z', '2024-01-01 02:00Z', '1 hour');
SELECT interval_start, state_name, count_runs, sum_estimated_run_time
  FROM flow_run_history('2024-01-01 01:00Z', '2024-01-01 02:00Z', '1 hour',
                        '{"flow_runs": {"name": {"any_": ["minus"]}}}');
SELECT interval_start, state_name, count_runs, sum_estimated_run_time
  FROM task_run_history('2024-01-01 01:00Z', '2024-01-01 02:00Z', '1 hour');
-- a RUNNING run: -infinity plus its time in the state is still below 0
SELECT interval_start, state_name, count_runs, sum_estimated_run_time
  FROM flow_run_history('2024-01-01 02:00Z', '2024-01-01 03:00Z', '1 hour');
SELECT flow_run_history_json('2024-01-01 01:00Z', '2024-01-01 03:00Z', '1 hour')
         -> 0 -> 'states' -> 0 -> 'sum_estimated_run_time' AS json_seconds;

-- an infinite history_interval: a clean error (22008 or 22015)
SELECT f, sign, pg_temp.sqlstate_of(pg_catalog.format(
         $$SELECT %s('2024-01-01 00:00Z', '2024-01-01 03:00Z', %L)$$, f, sign || 'infinity'))
         IN ('22008', '22015') AS clean_error
  FROM unnest(ARRAY['flow_run_history', 'flow_run_history_json',
                    'task_run_history', 'task_run_history_json']) f,
       unnest(ARRAY['', '-']) sign
 ORDER BY 1, 2;

RESET flow_history.schema;
RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA regress_infinity CASCADE;
RESET client_min_messages;
