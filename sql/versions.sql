-- versions: a database still on version 1.0's SQL objects gets a clean
-- error from this library, with the hint to update; after ALTER EXTENSION
-- flow_history UPDATE it answers.
\i test/fixtures/regress_setup.sql
CREATE DATABASE regress_flow_history_1_0;
\c regress_flow_history_1_0
SET timezone = 'UTC';
\set ECHO none
SET client_min_messages = warning;
\i test/fixtures/prefect_schema.sql
RESET client_min_messages;
\set ECHO all
CREATE EXTENSION flow_history VERSION '1.0';
SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 01:00Z', '1 hour');
SELECT flow_history_explain('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T01:00:00Z",
                              "history_interval_seconds": 3600}') IS NOT NULL;
-- the 1.0 aggregate's support functions are still in the library, and refuse
SELECT flow_history_bucket_agg(expected_start_time, state_type, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 1, now())
  FROM (VALUES ('2024-01-01 00:00Z'::timestamptz, 'COMPLETED'::state_type, 'Completed', '1 s'::interval,
                NULL::timestamptz, NULL::timestamptz)) AS r(expected_start_time, state_type, state_name,
                                                            total_run_time, state_timestamp, start_time);
ALTER EXTENSION flow_history UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'flow_history';
SELECT * FROM flow_run_history('2024-01-01 00:00Z', '2024-01-01 01:00Z', '1 hour');
\c contrib_regression
DROP DATABASE regress_flow_history_1_0;
