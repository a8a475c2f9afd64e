-- parallel: the aggregate behind every history call runs in parallel
-- workers (transition, serial, deserial, combine) with the same answer.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET enable_indexscan = off;
SET enable_bitmapscan = off;

EXPLAIN (COSTS OFF)
SELECT flow_history_bucket_agg(expected_start_time, state_type, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 3, now())
  FROM flow_run
 WHERE expected_start_time >= '2024-01-01 00:00Z' AND expected_start_time < '2024-01-01 03:00Z';

-- the same answer with and without workers, in one transaction (one now())
BEGIN;
CREATE TEMP TABLE parallel_answer AS
  SELECT flow_run_history_json('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-02T00:00:00Z",
                                 "history_interval_seconds": 600}') AS answer;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT answer = flow_run_history_json('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-02T00:00:00Z",
                                        "history_interval_seconds": 600}') AS same_answer
  FROM parallel_answer;
COMMIT;
RESET ALL;

-- misuse of the aggregate is refused cleanly
SELECT flow_history_bucket_agg(expected_start_time, state_type, state_name, total_run_time,
                               state_timestamp, start_time, NULL, 3600000000, 3, now()) FROM flow_run;
SELECT flow_history_bucket_agg(expected_start_time, state_type, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 501, now()) FROM flow_run;
SELECT flow_history_bucket_agg(expected_start_time, state_type, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 0, 3, now()) FROM flow_run;
SELECT flow_history_bucket_agg(expected_start_time, state_type, state_name, total_run_time,
                               state_timestamp, start_time, expected_start_time, 3600000000, 3, now())
  FROM flow_run WHERE expected_start_time IS NOT NULL;
SELECT flow_history_bucket_agg(expected_start_time, state_type, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 3, now()) IS NULL
  FROM flow_run WHERE false;
