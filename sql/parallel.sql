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
-- the number of workers, whatever the table's size after earlier tests
ALTER TABLE flow_run SET (parallel_workers = 2);

-- the state type arguments as the history functions pass them: a key per
-- enum label (hashenumextended with seed 0), and the labels, in enum order
CREATE TEMP VIEW state_types AS
  SELECT array_agg(hashenumextended(label, 0) ORDER BY label) AS type_keys,
         array_agg(label::text ORDER BY label) AS type_labels
    FROM unnest(enum_range(NULL::state_type)) AS label;
SELECT type_keys, type_labels FROM state_types \gset

EXPLAIN (COSTS OFF)
SELECT flow_history_bucket_agg(expected_start_time, hashenumextended(state_type, 0), state_name,
                               total_run_time, state_timestamp, start_time,
                               '2024-01-01 00:00Z', 3600000000, 3, now(), :'type_keys', :'type_labels')
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
CREATE TEMP VIEW runs AS
  SELECT expected_start_time, hashenumextended(state_type, 0) AS state_type_key, state_name,
         total_run_time, state_timestamp, start_time, type_keys AS keys, type_labels AS labels
    FROM flow_run, state_types;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, NULL, 3600000000, 3, now(), keys, labels)
  FROM runs;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 0, now(),
                               keys, labels) FROM runs;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 0, 3, now(), keys, labels)
  FROM runs;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '294276-12-31 23:00Z', 3600000000, 3, now(),
                               keys, labels) FROM runs;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, expected_start_time, 3600000000, 3, now(),
                               keys, labels)
  FROM runs WHERE expected_start_time IS NOT NULL;
-- the state types must be the same for every row, one label per key
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 3, now(),
                               CASE WHEN expected_start_time < '2024-01-01 01:00Z' THEN keys
                                    ELSE keys[2:] || keys[1:1] END,
                               CASE WHEN expected_start_time < '2024-01-01 01:00Z' THEN labels
                                    ELSE labels[2:] || labels[1:1] END)
  FROM runs WHERE expected_start_time IS NOT NULL;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 3, now(),
                               keys[1:2], labels) FROM runs;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 3, now(),
                               keys[1:1] || keys[1:1], labels[1:2]) FROM runs;
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 3, now(),
                               keys[1:2], labels[1:2])
  FROM runs WHERE expected_start_time >= '2024-01-01 00:00Z';
SELECT flow_history_bucket_agg(expected_start_time, state_type_key, state_name, total_run_time,
                               state_timestamp, start_time, '2024-01-01 00:00Z', 3600000000, 3, now(),
                               keys, labels) IS NULL
  FROM runs WHERE false;
-- lateness of a direct call with an extreme now: out of range, not wrapped
SELECT flow_history_bucket_agg('4713-01-01 00:00Z BC', type_keys[1], 'Scheduled', NULL, NULL, NULL,
                               '4713-01-01 00:00Z BC', 3600000000, 1, '294276-12-30 00:00Z',
                               type_keys, type_labels)
  FROM state_types;
ALTER TABLE flow_run RESET (parallel_workers);
