-- psql_overloads: flow_run_history(history_start, history_end,
-- history_interval, filters) and friends, for people at a psql prompt.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 01:00Z', '20 minutes')
 ORDER BY interval_start, state_name COLLATE "C";

SELECT count(*) FROM (
  SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 03:00Z', '1 hour',
                                 '{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}')
  EXCEPT
  SELECT * FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T03:00:00Z",
                                   "history_interval_seconds": 3600,
                                   "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}')) AS d;

SELECT flow_run_history_json('2024-01-01 00:00Z', '2024-01-01 00:30Z', '30 minutes',
                             '{"flows": {"name": {"any_": ["etl-flow-one"]}}}')::text;
SELECT task_run_history_json('2024-01-01 00:00Z', '2024-01-01 00:30Z', '30 minutes')::text;
SELECT state_name, count_runs FROM task_run_history('2024-01-01 00:00Z', '2024-01-01 03:00Z', '3 hours',
                                                    '{"task_runs": {"flow_run_id": {"is_null_": true}}}');

-- a day is exactly 86400 s; months have no fixed length and are refused
SELECT count(*) FROM flow_run_history('2024-01-01 00:00Z', '2024-01-03 00:00Z', '1 day');
SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-03-01 00:00Z', '1 month');
SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 00:01Z', '500 milliseconds');
SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 00:01Z', '-1 hour');
-- filters hold only filter objects
SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 03:00Z', '1 hour',
                               '{"history_start": "2024-01-01T00:00:00Z"}');
SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 03:00Z', '1 hour', '[]');
SELECT count(*) FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 03:00Z', '1 hour', '{"bogus": {}}');
SELECT * FROM flow_run_history('infinity', '2024-01-01 03:00Z', '1 hour');
-- STRICT: a NULL argument gives no rows, or NULL
SELECT count(*) FROM flow_run_history(NULL, '2024-01-01 03:00Z', '1 hour');
SELECT flow_run_history_json(NULL::jsonb) IS NULL;
