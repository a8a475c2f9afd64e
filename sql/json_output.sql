-- json_output: flow_run_history_json / task_run_history_json return the
-- body Prefect's API returns: intervals in order, empty ones with [],
-- datetimes in UTC with microseconds only when non-zero, sums as seconds.
SET timezone = 'America/Los_Angeles';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- runs whose estimates do not depend on now(); three 1-hour intervals
SELECT jsonb_pretty(flow_run_history_json(
  '{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T03:00:00Z",
    "history_interval_seconds": 3600,
    "flow_runs": {"state": {"name": {"not_any_": ["Running", "Late", "Pending", "Scheduled"]}}}}'));

-- jsonb's key order, compact
SELECT flow_run_history_json('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T00:30:00Z",
    "history_interval_seconds": 900, "flow_runs": {"name": {"any_": ["brave-fox"]}}}')::text;

-- microseconds in datetimes, from a fractional interval
SELECT flow_run_history_json('{"history_start": "2024-01-01T00:00:00.000001Z", "history_end": "2024-01-01T00:00:02Z",
    "history_interval_seconds": 1.5}')::text;

-- NULL state_type or state_name: a group with JSON null (Prefect: HTTP 500)
SELECT flow_run_history_json('{"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-03T00:00:00Z",
    "history_interval_seconds": 86400}')::text;

-- task runs
SELECT flow_run_history_json(regress.request('{"flow_runs": {"name": {"any_": ["nobody"]}}}'))::text,
       task_run_history_json(regress.request('{"task_runs": {"name": {"any_": ["extract-1", "load-1"]}}}'))::text;

-- seconds as Prefect writes them: shortest decimal, always with a fraction
BEGIN;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time, start_time, total_run_time)
SELECT ('e2000000-0000-4000-8000-00000000000' || n)::uuid, 'num-' || n, 'f1000000-0000-4000-8000-000000000002',
       'COMPLETED', 'Num' || n, '2024-07-01 00:00Z'::timestamptz + n * interval '1 hour',
       '2024-07-01 00:00Z'::timestamptz + n * interval '1 hour' + late, total
  FROM (VALUES (1, interval '0.000001 s', interval '0.000015 s'), (2, interval '120 s', interval '0'),
               (3, interval '1 day 00:00:00.5', interval '629.75 s'), (4, interval '1063 days 16:14:10.265515', interval '0.1 s'))
       AS v(n, total, late);
SELECT s->>'state_name' AS name, s->'sum_estimated_run_time' AS run_time, s->'sum_estimated_lateness' AS lateness
  FROM jsonb_array_elements(flow_run_history_json('{"history_start": "2024-07-01T00:00:00Z",
         "history_end": "2024-07-01T06:00:00Z", "history_interval_seconds": 21600}')) AS i,
       jsonb_array_elements(i->'states') AS s
 ORDER BY 1;
ROLLBACK;

-- Rows and JSON agree: the JSON rebuilt from the rows, over every run of
-- two days in 30-minute intervals, in one transaction (one now())
CREATE FUNCTION pg_temp.utc_text(ts timestamptz) RETURNS text LANGUAGE sql AS $$
  SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
         || CASE WHEN extract(microseconds FROM ts)::bigint % 1000000 <> 0
                 THEN to_char(ts AT TIME ZONE 'UTC', '.US') ELSE '' END || 'Z'
$$;
CREATE FUNCTION pg_temp.json_from_rows(request jsonb) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_agg(jsonb_build_object('interval_start', pg_temp.utc_text(interval_start),
                                      'interval_end', pg_temp.utc_text(interval_end),
                                      'states', states) ORDER BY interval_start)
    FROM (SELECT interval_start, interval_end,
                 coalesce(jsonb_agg(jsonb_build_object(
                            'state_type', state_type, 'state_name', state_name, 'count_runs', count_runs,
                            'sum_estimated_run_time', extract(epoch FROM sum_estimated_run_time),
                            'sum_estimated_lateness', extract(epoch FROM sum_estimated_lateness)))
                          FILTER (WHERE count_runs > 0), '[]') AS states
            FROM flow_run_history(request) GROUP BY 1, 2) AS i
$$;
SELECT pg_temp.json_from_rows(r) = flow_run_history_json(r) AS rows_match_json,
       jsonb_array_length(flow_run_history_json(r)) AS intervals
  FROM (VALUES ('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-03T00:00:00Z",
                  "history_interval_seconds": 1800}'::jsonb)) AS t(r);

-- the answer is assembled interval by interval in jsonb's own layout: it must
-- be byte for byte what jsonb makes of its text (same size, equal, same text)
WITH answer AS (
  SELECT flow_run_history_json('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-02T12:00:00Z",
                                 "history_interval_seconds": 900}') AS a
)
SELECT jsonb_array_length(a) AS intervals, pg_column_size(a) = pg_column_size(a::text::jsonb) AS same_size,
       a = a::text::jsonb AS equal, a::text = a::text::jsonb::text AS same_text,
       (a -> 40 -> 'states') = (a::text::jsonb -> 40 -> 'states') AS element_40
  FROM answer;

-- the same answer as text, built in one pass: keys in Prefect's order, no
-- spaces, seconds as Prefect's server writes them (1e-6 below 1e-5)
SELECT flow_run_history_json_text('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T02:00:00Z",
                                    "history_interval_seconds": 3600,
                                    "flow_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED"]}}}}');
SELECT task_run_history_json_text('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T01:00:00Z",
                                    "history_interval_seconds": 3600}');
SELECT flow_run_history_json_text('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T00:00:00Z",
                                    "history_interval_seconds": 3600}') AS no_intervals;
-- equal to the jsonb answer for every window of the regression data
SELECT count(*) AS requests,
       count(*) FILTER (WHERE flow_run_history_json_text(r)::jsonb = flow_run_history_json(r)
                          AND task_run_history_json_text(r)::jsonb = task_run_history_json(r)) AS equal
  FROM (SELECT jsonb_build_object('history_start', s, 'history_end', s + interval '1 day',
                                  'history_interval_seconds', step) AS r
          FROM generate_series(timestamptz '2023-12-31 00:00Z', '2024-01-03 00:00Z', '6 hours') AS s,
               unnest(ARRAY[1, 60, 900, 3600, 86400]) AS step) AS requests;
-- names that need escaping, and the smallest sums
BEGIN;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time, start_time, total_run_time)
VALUES ('e3000000-0000-4000-8000-000000000001', 'quote', 'f1000000-0000-4000-8000-000000000002',
        'COMPLETED', E'say "hi" \\ tab\t nl\n bell\x07 é ☃', '2025-01-01 00:00Z', '2025-01-01 00:00:00.000001Z',
        '00:00:00.000001'),
       ('e3000000-0000-4000-8000-000000000002', 'tiny', 'f1000000-0000-4000-8000-000000000002',
        'FAILED', 'Tiny', '2025-01-01 00:00Z', '2025-01-01 00:00:00.00001Z', '00:00:00.000015');
SELECT flow_run_history_json_text('{"history_start": "2025-01-01T00:00:00Z", "history_end": "2025-01-01T01:00:00Z",
                                    "history_interval_seconds": 3600}') AS text_answer,
       flow_run_history_json_text('{"history_start": "2025-01-01T00:00:00Z", "history_end": "2025-01-01T01:00:00Z",
                                    "history_interval_seconds": 3600}')::jsonb
       = flow_run_history_json('{"history_start": "2025-01-01T00:00:00Z", "history_end": "2025-01-01T01:00:00Z",
                                 "history_interval_seconds": 3600}') AS equal;
ROLLBACK;

-- one interval holding more states than jsonb's offset stride (32), and
-- states with NULL type and name: still byte for byte jsonb's own layout
BEGIN;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time, total_run_time)
SELECT ('e4000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'many-' || i,
       'f1000000-0000-4000-8000-000000000002', 'COMPLETED', 'Many ' || lpad(i::text, 3, '0'),
       '2025-02-01 00:00Z'::timestamptz + i * interval '1 s', i * interval '1.5 s'
  FROM generate_series(1, 70) AS i;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time)
VALUES ('e4000000-0000-4000-8000-100000000000', 'no-state', 'f1000000-0000-4000-8000-000000000002',
        NULL, NULL, '2025-02-01 00:30Z');
WITH answer AS (
  SELECT flow_run_history_json('{"history_start": "2025-02-01T00:00:00Z", "history_end": "2025-02-01T01:00:00Z",
                                 "history_interval_seconds": 3600}') AS a
)
SELECT jsonb_array_length(a -> 0 -> 'states') AS states, pg_column_size(a) = pg_column_size(a::text::jsonb) AS same_size,
       a = a::text::jsonb AS equal, a::text = a::text::jsonb::text AS same_text,
       a -> 0 -> 'states' -> 40 AS state_40, a -> 0 -> 'states' -> 70 AS last_state
  FROM answer;
ROLLBACK;
