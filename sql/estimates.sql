-- estimates: count_runs and Prefect's two sums, estimated run time and
-- estimated lateness, each run's value clamped at 0 before summing and
-- now() being the transaction's start.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE FUNCTION pg_temp.sums(request jsonb)
RETURNS TABLE (state_type text, state_name text, count_runs bigint, run_seconds numeric, late_seconds numeric)
LANGUAGE sql AS $$
  SELECT state_type, state_name, count_runs,
         extract(epoch FROM sum_estimated_run_time), extract(epoch FROM sum_estimated_lateness)
    FROM flow_run_history(request) WHERE count_runs > 0
$$;

-- Runs whose estimates do not depend on now():
--  Completed: ran 00:12:30.25-00:20 (449.75 s), started 150.25 s late
--  Cached, Failed: on time and early, so no lateness
--  Cancelled: never started; Prefect sets start_time on cancelling, 60 s late
--  Crashed: total_run_time of 2 days 01:00:00 is 176400 s
--  AwaitingRetry: a subflow that ran 5 min, started 60 s late
--  Paused, Cancelling: non-terminal but started, so lateness is start - expected
--  Retrying: RUNNING without state_timestamp, so its run time is NULL, i.e. 0
SELECT * FROM pg_temp.sums(regress.request(
  '{"flow_runs": {"state": {"name": {"not_any_": ["Running", "Late", "Pending", "Scheduled"]}}}}'))
 ORDER BY state_name COLLATE "C";

-- RUNNING: total_run_time + (now() - state_timestamp); grim-cat has 10 s and
-- has been running since 01:46
SELECT run_seconds = 10 + extract(epoch FROM now() - '2024-01-01 01:46Z'::timestamptz) AS run_time_ok,
       late_seconds
  FROM pg_temp.sums(regress.request('{"flow_runs": {"state": {"name": {"any_": ["Running"]}}}}'));

-- Not started and not finished: late by now() - expected_start_time
SELECT state_name,
       late_seconds = extract(epoch FROM now() - expected) AS lateness_ok, run_seconds
  FROM pg_temp.sums(regress.request('{"flow_runs": {"state": {"name": {"any_": ["Late", "Pending", "Scheduled"]}}}}'))
  JOIN (VALUES ('Late', '2024-01-01 02:10Z'::timestamptz), ('Pending', '2024-01-01 02:30Z'),
               ('Scheduled', '2024-01-01 02:55Z')) AS e(name, expected) ON e.name = state_name
 ORDER BY state_name;

-- A run expected in the future is not late yet
SELECT * FROM pg_temp.sums('{"history_start": "2099-01-01T00:00:00Z",
                             "history_end": "2099-01-02T00:00:00Z", "history_interval_seconds": 86400}');

-- Sums add up per interval and state: the whole window, one interval
SELECT sum(count_runs), sum(run_seconds) FILTER (WHERE state_type IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')),
       sum(late_seconds) FILTER (WHERE state_type IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED'))
  FROM pg_temp.sums(regress.request());

-- Edge values, added inside a transaction and rolled back
BEGIN;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, start_time, total_run_time) VALUES
 -- a RUNNING state stamped in the future: negative, clamped to 0
 ('e1000000-0000-4000-8000-000000000001', 'edge-future', 'f1000000-0000-4000-8000-000000000002',
  'RUNNING', 'EdgeFuture', '2099-01-01Z', '2024-06-01 00:00Z', '2024-06-01 00:00Z', '00:00:10'),
 -- a negative total_run_time: clamped to 0
 ('e1000000-0000-4000-8000-000000000002', 'edge-negative', 'f1000000-0000-4000-8000-000000000002',
  'COMPLETED', 'EdgeNegative', '2024-06-01 00:10Z', '2024-06-01 00:00Z', '2024-06-01 00:00Z', '-00:05:00'),
 -- months count 30 days and years 365.25 days, as EXTRACT(EPOCH) counts them
 ('e1000000-0000-4000-8000-000000000003', 'edge-month', 'f1000000-0000-4000-8000-000000000002',
  'FAILED', 'EdgeMonth', '2024-06-01 00:10Z', '2024-06-01 00:00Z', '2024-06-01 00:00Z', '1 mon'),
 ('e1000000-0000-4000-8000-000000000004', 'edge-year', 'f1000000-0000-4000-8000-000000000002',
  'FAILED', 'EdgeYear', '2024-06-01 00:10Z', '2024-06-01 00:00Z', '2024-06-01 00:00Z', '1 year 1 mon'),
 -- microseconds survive
 ('e1000000-0000-4000-8000-000000000005', 'edge-micro', 'f1000000-0000-4000-8000-000000000002',
  'CRASHED', 'EdgeMicro', '2024-06-01 00:10Z', '2024-06-01 00:00Z', '2024-06-01 00:00:00.000001Z', '00:00:00.000001'),
 -- a NULL state_type: not RUNNING, and NOT IN (...) is NULL, so no lateness
 ('e1000000-0000-4000-8000-000000000006', 'edge-nulltype', 'f1000000-0000-4000-8000-000000000002',
  NULL, 'EdgeNullType', NULL, '2024-06-01 00:00Z', NULL, '00:01:00');
SELECT * FROM pg_temp.sums('{"history_start": "2024-06-01T00:00:00Z",
                             "history_end": "2024-06-02T00:00:00Z", "history_interval_seconds": 86400}')
 ORDER BY state_name COLLATE "C";
-- a RUNNING run with a month in total_run_time: now() + 1 month on the UTC calendar
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, start_time, total_run_time) VALUES
 ('e1000000-0000-4000-8000-000000000007', 'edge-running-month', 'f1000000-0000-4000-8000-000000000002',
  'RUNNING', 'EdgeRunningMonth', '2024-06-01 00:00Z', '2024-06-03 00:00Z', '2024-06-03 00:00Z', '1 mon');
SELECT run_seconds = extract(epoch FROM (now() AT TIME ZONE 'UTC' + interval '1 mon')
                                        - '2024-06-01 00:00'::timestamp) AS run_time_ok
  FROM pg_temp.sums('{"history_start": "2024-06-03T00:00:00Z",
                      "history_end": "2024-06-04T00:00:00Z", "history_interval_seconds": 86400}');
-- an infinite start_time cannot be subtracted (Prefect's database fails too)
UPDATE flow_run SET start_time = 'infinity' WHERE id = 'e1000000-0000-4000-8000-000000000002';
SELECT regress.err('{"history_start": "2024-06-01T00:00:00Z",
                     "history_end": "2024-06-02T00:00:00Z", "history_interval_seconds": 86400}');
ROLLBACK;

-- Prefect clamps each run at 0 before summing, so extreme negative run times
-- count 0 rather than failing the request; a positive one beyond int64
-- microseconds, or a RUNNING run whose now() + total_run_time leaves the
-- timestamp range (as Prefect's database does), is out of range
BEGIN;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, start_time, total_run_time) VALUES
 ('e2000000-0000-4000-8000-000000000001', 'extreme-1', 'f1000000-0000-4000-8000-000000000002',
  'COMPLETED', 'Extreme', '2024-07-01 00:10Z', '2024-07-01 00:00Z', '2024-07-01 00:00Z', '-300000 years'),
 ('e2000000-0000-4000-8000-000000000002', 'extreme-2', 'f1000000-0000-4000-8000-000000000002',
  'COMPLETED', 'Extreme', '2024-07-01 00:10Z', '2024-07-01 00:00Z', '2024-07-01 00:00Z', '-2147483648 mons'),
 ('e2000000-0000-4000-8000-000000000003', 'extreme-3', 'f1000000-0000-4000-8000-000000000002',
  'COMPLETED', 'Extreme', '2024-07-01 00:10Z', '2024-07-01 00:00Z', '2024-07-01 00:00Z', '-178000000 years'),
 ('e2000000-0000-4000-8000-000000000004', 'extreme-4', 'f1000000-0000-4000-8000-000000000002',
  'FAILED', 'Extreme', '2024-07-01 00:10Z', '2024-07-01 00:00Z', '2024-07-01 00:00Z',
  '-2147483647 mons -2147483647 days -2562047787 hours'),
 ('e2000000-0000-4000-8000-000000000005', 'extreme-5', 'f1000000-0000-4000-8000-000000000002',
  'COMPLETED', 'Extreme', '2024-07-01 00:10Z', '2024-07-01 00:00Z', '2024-07-01 00:00Z', '90 s');
SELECT * FROM pg_temp.sums('{"history_start": "2024-07-01T00:00:00Z",
                             "history_end": "2024-07-02T00:00:00Z", "history_interval_seconds": 86400}')
 ORDER BY state_name COLLATE "C", state_type;
UPDATE flow_run SET total_run_time = '2147483647 mons' WHERE id = 'e2000000-0000-4000-8000-000000000005';
SELECT regress.err('{"history_start": "2024-07-01T00:00:00Z",
                     "history_end": "2024-07-02T00:00:00Z", "history_interval_seconds": 86400}');
UPDATE flow_run SET total_run_time = '90 s', state_type = 'RUNNING'
 WHERE id = 'e2000000-0000-4000-8000-000000000005';
UPDATE flow_run SET state_type = 'RUNNING' WHERE id = 'e2000000-0000-4000-8000-000000000001';
SELECT regress.err('{"history_start": "2024-07-01T00:00:00Z",
                     "history_end": "2024-07-02T00:00:00Z", "history_interval_seconds": 86400}');
ROLLBACK;

-- now() is the transaction start: within one transaction answers agree
BEGIN;
CREATE TEMP TABLE first_answer AS SELECT flow_run_history_json(regress.request()) AS answer;
SELECT pg_sleep(0.01);
SELECT answer = flow_run_history_json(regress.request()) AS same_now FROM first_answer;
ROLLBACK;
