-- intervals: generate_series(history_start, history_end, interval) without
-- the points at or after history_end, at most 500, each [start, start + step);
-- runs land by expected_start_time, arithmetically.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- Half-open intervals: calm-owl (Cached), expected at exactly 00:20, lands in
-- the second interval; every interval is listed, empty ones as one row.
SELECT interval_start, interval_end, state_type, state_name, count_runs
  FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-01T01:20:00Z",
                          "history_interval_seconds": 1200}');

-- An interval longer than the window: one interval, ending after
-- history_end, that counts runs up to its own end
SELECT interval_start, interval_end, string_agg(state_name, ' ' ORDER BY state_name COLLATE "C")
  FROM flow_run_history('{"history_start": "2024-01-01T01:00:00Z",
                          "history_end": "2024-01-01T01:30:00Z",
                          "history_interval_seconds": 3600}')
 GROUP BY 1, 2;

-- The last interval may end after history_end and counts what it covers:
-- icy-fox (Late) is expected at 02:10, after the 02:05 end
SELECT interval_start, interval_end, string_agg(state_name, ' ' ORDER BY state_name COLLATE "C")
  FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-01T02:05:00Z",
                          "history_interval_seconds": 3600}')
 GROUP BY 1, 2 ORDER BY 1;

-- Prefect's test_last_bin_contains_end_date: end = start + 1 day 30 min
SELECT interval_start, interval_end
  FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-02T00:30:00Z",
                          "history_interval_seconds": 86400}')
 GROUP BY 1, 2 ORDER BY 1;

-- At most 500 intervals, the earliest ones
SELECT count(DISTINCT interval_start), min(interval_start), max(interval_start), max(interval_end)
  FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-01T00:10:00Z",
                          "history_interval_seconds": 1}');
-- runs after the 500th interval are never reported
SELECT sum(count_runs) FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-02T00:00:00Z", "history_interval_seconds": 10}');

-- Fractional steps keep their microseconds (Prefect's 5400.5 s example)
SELECT interval_start, interval_end, sum(count_runs)
  FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-01T04:00:00Z",
                          "history_interval_seconds": 5400.5}')
 GROUP BY 1, 2 ORDER BY 1;

-- Odd steps: 7 s, 1 h 6 min, 7 days
SELECT count(DISTINCT interval_start) AS intervals, sum(count_runs) AS runs
  FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-01T00:30:00Z", "history_interval_seconds": 7}');
SELECT interval_start, interval_end, sum(count_runs)
  FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z",
                          "history_end": "2024-01-01T03:00:00Z", "history_interval_seconds": 3960}')
 GROUP BY 1, 2 ORDER BY 1;
SELECT interval_start, interval_end, sum(count_runs)
  FROM flow_run_history('{"history_start": "2023-12-25T00:00:00Z",
                          "history_end": "2024-01-10T00:00:00Z", "history_interval_seconds": 604800}')
 GROUP BY 1, 2 ORDER BY 1;

-- A window in the future: keen-hen is scheduled for 2099
SELECT interval_start, state_type, state_name, count_runs
  FROM flow_run_history('{"history_start": "2098-12-31T00:00:00Z",
                          "history_end": "2099-01-02T00:00:00Z", "history_interval_seconds": 86400}');

-- A run without expected_start_time (mute-jay) is never counted; runs whose
-- state_type or state_name is NULL form their own group (Prefect answers
-- HTTP 500 when one falls in a returned interval)
SELECT interval_start, state_type, state_name, count_runs, sum_estimated_run_time
  FROM flow_run_history('{"history_start": "2024-01-02T00:00:00Z",
                          "history_end": "2024-01-03T00:00:00Z", "history_interval_seconds": 86400}');

-- Steps are exact elapsed time whatever the session time zone: across the
-- 2024-03-10 DST change in New York each day is 24 h, and the same runs are
-- counted as under UTC (Prefect under a non-UTC server zone adds days on
-- that zone's calendar instead; README, compatibility notes)
SET timezone = 'America/New_York';
SELECT interval_start, interval_end, interval_end - interval_start AS length
  FROM flow_run_history('{"history_start": "2024-03-09T05:00:00Z",
                          "history_end": "2024-03-12T05:00:00Z", "history_interval_seconds": 86400}');
SELECT flow_run_history_json(regress.request()) =
       (SELECT flow_run_history_json(regress.request()) FROM (SELECT set_config('timezone', 'UTC', true)) s);
RESET timezone;
