-- request: every top-level key of Prefect's request body, how Prefect
-- reads date-times and intervals, and the API page's request verbatim.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- The API page's request, verbatim.  history_start equals history_end, so
-- Prefect answers [] (no interval starts before the end).
\set seed `cat test/fixtures/seed_request.json`
SELECT flow_run_history_json(:'seed');
SELECT count(*) FROM flow_run_history(:'seed');
-- task-run history takes the same body; work_pools and work_queues are not
-- parameters of /task_runs/history, so Prefect ignores them
SELECT task_run_history_json(:'seed');

-- The same filters over a window with intervals: every filter object is
-- validated and applied (the seed's ids match nothing here).
SELECT count(*) AS intervals, sum(count_runs) AS runs
  FROM flow_run_history(jsonb_set(jsonb_set(:'seed'::jsonb,
         '{history_end}', '"2023-11-07T07:31:56Z"'), '{history_interval_seconds}', '3600'));

-- Key order and JSON null: a null filter is an absent filter
SELECT regress.fr('{"flows": null, "flow_runs": null, "task_runs": null,
                    "deployments": null, "work_pools": null, "work_queues": null}');

-- Unknown top-level keys are ignored, as Prefect ignores them, with a notice
SELECT regress.fr('{"unknown_top_level_key": 1, "limit": 10}');

-- Date-times: where a one-interval window over a long span starts
CREATE FUNCTION pg_temp.start_of(history_start jsonb) RETURNS text
LANGUAGE sql AS $$
  SELECT to_char(min(interval_start) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
    FROM flow_run_history(jsonb_build_object('history_start', history_start,
                                             'history_end', '2200-01-01T00:00:00Z',
                                             'history_interval_seconds', 1e10))
$$;
SELECT v AS history_start, pg_temp.start_of(v) AS reads_as
  FROM (VALUES ('"2024-01-01T00:00:00Z"'::jsonb),
               ('"2024-01-01T01:00:00+01:00"'),       -- offset kept: that instant
               ('"2024-01-01T01:00:00+0100"'),
               ('"2024-01-01T00:00:00−05:00"'),       -- U+2212 minus sign
               ('"2024-01-01 00:00"'),                -- space, no seconds, no offset: UTC
               ('"2024-01-01t00:00:00z"'),
               ('"2024-01-01_00:00:00"'),
               ('"2024-01-01"'),                      -- a date alone is midnight UTC
               ('"2024-01-01T00:00:00.1234569Z"'),    -- beyond microseconds: truncated
               ('"2024-01-01T00:00:00,5Z"'),
               ('1704067200'),                        -- Unix seconds
               ('"1704067200"'),
               ('1704067200123'),                     -- above 2e10: milliseconds
               ('1704067200.5'),
               ('"1704067200.25"')) AS t(v);

-- history_interval_seconds: a number, a numeric string or a boolean,
-- rounded to microseconds like Python's timedelta (ties to even)
CREATE FUNCTION pg_temp.step_of(history_interval_seconds jsonb) RETURNS interval
LANGUAGE sql AS $$
  SELECT min(interval_end - interval_start)
    FROM flow_run_history(jsonb_build_object('history_start', '2024-01-01T00:00:00Z',
                                             'history_end', '2024-01-02T00:00:00Z',
                                             'history_interval_seconds', history_interval_seconds))
$$;
SELECT v AS history_interval_seconds, pg_temp.step_of(v) AS step
  FROM (VALUES ('3600'::jsonb), ('3600.0'), ('5400.5'), ('"3600"'), ('" 60 "'),
               ('"1_800"'), ('"1e3"'), ('true'), ('0.9999999'), ('1.0000005'),
               ('1.0000015'), ('86400'), ('90000')) AS t(v);

-- No interval starts at or after history_end
SELECT count(*) FROM flow_run_history('{"history_start": "2024-01-01T03:00:00Z",
  "history_end": "2024-01-01T00:00:00Z", "history_interval_seconds": 3600}');
SELECT flow_run_history_json('{"history_start": "2024-01-01T03:00:00Z",
  "history_end": "2024-01-01T03:00:00Z", "history_interval_seconds": 3600}');
