-- prefect_scenarios: Prefect's own run-history tests, ported.
--
-- Source: PrefectHQ/prefect, tests/server/orchestration/api/test_run_history.py,
-- read at commit 000459e35cb1286e8b19c2e4492eba156c4a60d5 (the newest stored
-- version; it holds every test of the older eb2be69bf2eeb844eae0470c534afd6084ba5940
-- version plus the boundary tests at its end).
--
-- The module fixtures (work_pool, work_queue, data) are rebuilt below with the
-- column values that models.flow_runs.create_flow_run / create_task_run leave
-- when a run is created directly with a state (doc/schema.md), then
-- each test's request is sent to flow_run_history_json / task_run_history_json /
-- flow_run_history and every assertion of the test is printed next to the
-- literal the Prefect test asserts, with an "ok" boolean.
--
-- Not ported: the HTTP status code checks (response.status_code == 200) and the
-- pydantic TypeAdapter(List[HistoryResponse]) parsing in validate_response();
-- they are about the FastAPI route, not the numbers. Prefect sorts each
-- interval's states by state_name before comparing; so do the checks here.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE SCHEMA prefect_tests;
SET search_path = prefect_tests, public;
\set ECHO none
SET client_min_messages = warning;
\i test/fixtures/prefect_schema.sql
RESET client_min_messages;
\set ECHO all

-- dt = to_utc(datetime(2021, 7, 1)), a Thursday
CREATE FUNCTION dt() RETURNS timestamptz LANGUAGE sql IMMUTABLE
AS $$ SELECT timestamptz '2021-07-01 00:00:00+00' $$;

-- Deterministic ids: a two-hex-digit table prefix and a counter.
CREATE SEQUENCE ids;
CREATE FUNCTION next_id(prefix text) RETURNS uuid LANGUAGE sql
AS $$ SELECT format('%s000000-0000-4000-8000-%s', prefix, lpad(nextval('prefect_tests.ids')::text, 12, '0'))::uuid $$;

-- A flow run created with a state, as models.flow_runs.create_flow_run(...,
-- state=...) leaves it (doc/schema.md): the state is set with force=True on a
-- run without state, so only the global transforms act. For a state at T:
--   COMPLETED/FAILED: state_timestamp = expected = start = end = T, run_count 0
--   RUNNING:          state_timestamp = expected = start = T, end NULL, run_count 1
--   SCHEDULED(S):     stamped when built (now()), expected = next_scheduled = S
-- total_run_time stays 0. One flow_run_state row, pointed at by state_id.
CREATE FUNCTION create_flow_run(p_flow_id uuid, p_name text, p_tags jsonb, p_state state_type,
                                p_time timestamptz, p_work_queue_id uuid DEFAULT NULL)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  run_id   uuid := prefect_tests.next_id('e0');
  st_id    uuid := prefect_tests.next_id('e1');
  state_ts timestamptz := CASE WHEN p_state = 'SCHEDULED' THEN now() ELSE p_time END;
  final    boolean := p_state IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED');
BEGIN
  INSERT INTO prefect_tests.flow_run
         (id, name, flow_id, tags, work_queue_id, state_type, state_name, state_timestamp,
          expected_start_time, next_scheduled_start_time, start_time, end_time,
          run_count, total_run_time)
  VALUES (run_id, p_name, p_flow_id, p_tags, p_work_queue_id, p_state, initcap(p_state::text), state_ts,
          p_time,
          CASE WHEN p_state = 'SCHEDULED' THEN p_time END,
          CASE WHEN final OR p_state = 'RUNNING' THEN p_time END,
          CASE WHEN final THEN p_time END,
          CASE WHEN p_state = 'RUNNING' THEN 1 ELSE 0 END,
          interval '0');
  INSERT INTO prefect_tests.flow_run_state (id, flow_run_id, type, name, "timestamp", state_details)
  VALUES (st_id, run_id, p_state, initcap(p_state::text), state_ts,
          jsonb_build_object('flow_run_id', run_id)
          || CASE WHEN p_state = 'SCHEDULED' THEN jsonb_build_object('scheduled_time', p_time)
                  ELSE '{}' END);
  UPDATE prefect_tests.flow_run SET state_id = st_id WHERE id = run_id;
  RETURN run_id;
END
$$;

-- The same for models.task_runs.create_task_run(core.TaskRun(..., state=...)).
CREATE FUNCTION create_task_run(p_flow_run_id uuid, p_task_key text, p_dynamic_key text,
                                p_state state_type, p_time timestamptz)
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  run_id uuid := prefect_tests.next_id('d0');
  st_id  uuid := prefect_tests.next_id('d1');
  final  boolean := p_state IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED');
BEGIN
  INSERT INTO prefect_tests.task_run
         (id, name, flow_run_id, task_key, dynamic_key, state_type, state_name, state_timestamp,
          expected_start_time, start_time, end_time, run_count, total_run_time)
  VALUES (run_id, format('task-%s-%s', p_task_key, p_dynamic_key), p_flow_run_id, p_task_key,
          p_dynamic_key, p_state, initcap(p_state::text), p_time,
          p_time,
          CASE WHEN final OR p_state = 'RUNNING' THEN p_time END,
          CASE WHEN final THEN p_time END,
          CASE WHEN p_state = 'RUNNING' THEN 1 ELSE 0 END,
          interval '0');
  INSERT INTO prefect_tests.task_run_state (id, task_run_id, type, name, "timestamp", state_details)
  VALUES (st_id, run_id, p_state, initcap(p_state::text), p_time,
          jsonb_build_object('task_run_id', run_id, 'flow_run_id', p_flow_run_id));
  UPDATE prefect_tests.task_run SET state_id = st_id WHERE id = run_id;
  RETURN run_id;
END
$$;

-- create_history_flow(db, expected_start_times): a flow named
-- f"history-test-{expected_start_times[0].timestamp()}" (Python float repr),
-- created by models.flows.create_flow, an upsert on the name (an existing flow
-- of that name is returned), and one Completed(timestamp=t) run per time,
-- named history-run-{i}. Returns the flow's id.
CREATE FUNCTION create_history_flow(p_flow_id uuid, p_times timestamptz[])
RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  epoch text := rtrim(rtrim(extract(epoch FROM p_times[1])::text, '0'), '.');
  fname text := 'history-test-' || epoch || CASE WHEN epoch LIKE '%.%' THEN '' ELSE '.0' END;
  fid   uuid;
BEGIN
  INSERT INTO prefect_tests.flow (id, name) VALUES (p_flow_id, fname) ON CONFLICT (name) DO NOTHING;
  SELECT id INTO fid FROM prefect_tests.flow WHERE name = fname;
  FOR i IN 1 .. cardinality(p_times) LOOP
    PERFORM prefect_tests.create_flow_run(fid, 'history-run-' || (i - 1), '[]', 'COMPLETED', p_times[i]);
  END LOOP;
  RETURN fid;
END
$$;

-- Python's str(datetime) of a UTC datetime, as the tests send history_start/end.
CREATE FUNCTION py_str(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
             || CASE WHEN extract(microseconds FROM t)::bigint % 1000000 <> 0
                     THEN to_char(t AT TIME ZONE 'UTC', '.US') ELSE '' END || '+00:00' $$;

-- A history response (JSON) against the intervals and states a Prefect test
-- expects, given as a JSON array of {interval_start, interval_end, state_name,
-- state_type, count_runs}; an interval whose expected states are [] is one
-- entry with null state_name/state_type/count_runs. One row per interval and
-- state of either side, shown as "(none)" for states = []. ok: both sides have
-- the row, with the same state_type and count_runs.
CREATE FUNCTION compare_bins(response jsonb, expected jsonb)
RETURNS TABLE (interval_start timestamptz, interval_end timestamptz, state_type text,
               state_name text, count_runs int, expected_count_runs int, ok boolean)
LANGUAGE sql AS $$
  WITH got AS (
    SELECT (b->>'interval_start')::timestamptz AS s, (b->>'interval_end')::timestamptz AS e,
           st->>'state_type' AS t, coalesce(st->>'state_name', '(none)') AS n,
           (st->>'count_runs')::int AS c
      FROM jsonb_array_elements(response) AS b
      LEFT JOIN LATERAL jsonb_array_elements(b->'states') AS st ON true
  ), want AS (
    SELECT (x->>'interval_start')::timestamptz AS s, (x->>'interval_end')::timestamptz AS e,
           x->>'state_type' AS t, coalesce(x->>'state_name', '(none)') AS n,
           (x->>'count_runs')::int AS c
      FROM jsonb_array_elements(expected) AS x
  )
  SELECT coalesce(g.s, w.s), coalesce(g.e, w.e), coalesce(g.t, w.t), coalesce(g.n, w.n),
         g.c, w.c,
         g.s IS NOT NULL AND w.s IS NOT NULL
           AND g.t IS NOT DISTINCT FROM w.t AND g.c IS NOT DISTINCT FROM w.c
    FROM got g FULL JOIN want w ON g.s = w.s AND g.e = w.e AND g.n = w.n
   ORDER BY coalesce(g.s, w.s), coalesce(g.n, w.n) COLLATE "C"
$$;

-- The same for tests that only look at count_runs (validate_response(response,
-- include={"count_runs"})): one row per interval, the count_runs of its states
-- in state_name order, against the expected [{interval_start, interval_end,
-- count_runs: [...]}].
CREATE FUNCTION compare_counts(response jsonb, expected jsonb)
RETURNS TABLE (interval_start timestamptz, interval_end timestamptz, count_runs int[],
               expected_count_runs int[], ok boolean)
LANGUAGE sql AS $$
  WITH got AS (
    SELECT (b->>'interval_start')::timestamptz AS s, (b->>'interval_end')::timestamptz AS e,
           ARRAY(SELECT (st->>'count_runs')::int FROM jsonb_array_elements(b->'states') AS st
                  ORDER BY st->>'state_name' COLLATE "C") AS c
      FROM jsonb_array_elements(response) AS b
  ), want AS (
    SELECT (x->>'interval_start')::timestamptz AS s, (x->>'interval_end')::timestamptz AS e,
           ARRAY(SELECT jsonb_array_elements_text(x->'count_runs')::int) AS c
      FROM jsonb_array_elements(expected) AS x
  )
  SELECT coalesce(g.s, w.s), coalesce(g.e, w.e), g.c, w.c,
         g.s IS NOT NULL AND w.s IS NOT NULL AND g.c = w.c
    FROM got g FULL JOIN want w ON g.s = w.s AND g.e = w.e
   ORDER BY 1
$$;

------------------------------------------------------------------------------
-- Module fixtures
------------------------------------------------------------------------------

-- work_pool: "test-work-pool-run-history", type "test-type" (create_work_pool
-- also makes the pool's "default" queue); work_queue: "wq" in that pool
INSERT INTO work_pool (id, name, type, base_job_template)
VALUES ('a0000000-0000-4000-8000-000000000001', 'test-work-pool-run-history', 'test-type',
        '{"job_configuration": {"command": "{{ command }}"},
          "variables": {"properties": {"command": {"type": "array", "title": "Command",
                                                   "items": {"type": "string"}}},
                        "required": []}}');
INSERT INTO work_queue (id, name, description, priority, work_pool_id)
VALUES ('b0000000-0000-4000-8000-000000000001', 'default', 'The work pool''s default queue.', 1,
        'a0000000-0000-4000-8000-000000000001'),
       ('b0000000-0000-4000-8000-000000000002', 'wq', '', 2,
        'a0000000-0000-4000-8000-000000000001');
UPDATE work_pool SET default_queue_id = 'b0000000-0000-4000-8000-000000000001'
 WHERE id = 'a0000000-0000-4000-8000-000000000001';

-- data: flows f-1 and f-2
INSERT INTO flow (id, name, tags)
VALUES ('f0000000-0000-4000-8000-000000000001', 'f-1', '["db", "blue"]'),
       ('f0000000-0000-4000-8000-000000000002', 'f-2', '["db"]');

-- "have a completed flow every 12 hours except weekends": datetime_range(dt -
-- 14 days, dt, 12 hours) includes both ends; weekday() 5, 6 = isodow 6, 7
SELECT count(create_flow_run('f0000000-0000-4000-8000-000000000001',
                             'completed-' || to_char(d, 'MM-DD"T"HH24'), '["completed"]',
                             'COMPLETED', d, 'b0000000-0000-4000-8000-000000000002')) AS completed
  FROM generate_series(dt() - interval '14 days', dt(), interval '12 hours') AS d
 WHERE extract(isodow FROM d AT TIME ZONE 'UTC') NOT IN (6, 7);

-- "have a failed flow every 36 hours except the last 3 days"
SELECT count(create_flow_run('f0000000-0000-4000-8000-000000000001',
                             'failed-' || to_char(d, 'MM-DD"T"HH24'), '["failed"]',
                             'FAILED', d)) AS failed
  FROM generate_series(dt() - interval '14 days', dt(), interval '36 hours') AS d
 WHERE NOT (dt() - interval '3 days' <= d AND d < dt());

-- "a few running runs in the last two days"
SELECT count(create_flow_run('f0000000-0000-4000-8000-000000000001',
                             'running-' || to_char(d, 'MM-DD"T"HH24'), '["running"]',
                             'RUNNING', d)) AS running
  FROM generate_series(dt() - interval '2 days', dt(), interval '6 hours') AS d;

-- "schedule new runs": Scheduled(scheduled_time=d)
SELECT count(create_flow_run('f0000000-0000-4000-8000-000000000001',
                             'scheduled-' || to_char(d, 'MM-DD"T"HH24'), '["scheduled"]',
                             'SCHEDULED', d)) AS scheduled
  FROM generate_series(dt() - interval '1 day', dt() + interval '3 days', interval '6 hours') AS d;

-- "task runs": one more Running flow run at dt, with 30 task runs:
-- Completed at dt + r min, Failed at dt + 7 + r min, Running at dt + 14 + r min
SELECT create_flow_run('f0000000-0000-4000-8000-000000000001', 'task-parent', '["running"]',
                       'RUNNING', dt()) AS task_parent \gset
SELECT count(create_task_run(:'task_parent', r::text, (r * 3 + k)::text,
                             (ARRAY['COMPLETED', 'FAILED', 'RUNNING']::state_type[])[k + 1],
                             dt() + make_interval(mins => 7 * k + r))) AS task_runs
  FROM generate_series(0, 9) AS r, generate_series(0, 2) AS k;

-- what was loaded, by state, next to the fixture's definition
SELECT state_type, count(*), min(expected_start_time), max(expected_start_time),
       count(*) FILTER (WHERE work_queue_id IS NOT NULL) AS with_work_queue
  FROM flow_run GROUP BY state_type ORDER BY state_type;
SELECT state_type, count(*), min(expected_start_time), max(expected_start_time)
  FROM task_run GROUP BY state_type ORDER BY state_type;

SET flow_history.schema = 'prefect_tests';

------------------------------------------------------------------------------
-- test_history: parametrized over route and (start, end, interval, expected_bins);
-- asserts len == expected_bins, min(interval_start) == start, the first
-- interval is `interval` long and max(interval_start) == start +
-- (expected_bins - 1) * interval. Requests send str(start), str(end) and
-- interval.total_seconds().
------------------------------------------------------------------------------
WITH params(route, start, "end", step, expected_bins) AS (
  SELECT route, p.*
    FROM (VALUES ('/flow_runs/history'), ('/task_runs/history')) AS r(route),
         (VALUES (dt(), dt() + interval '14 days', interval '1 day', 14),
                 (dt(), dt() + interval '10 days', interval '1 day 1 hour', 10),
                 (dt(), dt() + interval '10 days', interval '6 hours', 40),
                 (dt(), dt() + interval '10 days', interval '1 hour', 240),
                 (dt(), dt() + interval '1 day', interval '1 hour 6 minutes', 22),
                 (dt(), dt() + interval '5 hours', interval '1 minute', 300),
                 (dt(), dt() + interval '1 day 5 hours', interval '15 minutes', 116)) AS p
), answers AS (
  SELECT params.*,
         CASE route WHEN '/flow_runs/history' THEN flow_run_history_json(request)
                    ELSE task_run_history_json(request) END AS response
    FROM params,
         LATERAL (SELECT jsonb_build_object('history_start', py_str(start),
                                            'history_end', py_str("end"),
                                            'history_interval_seconds', extract(epoch FROM step))) AS q(request)
), starts AS (
  SELECT answers.*, jsonb_array_length(response) AS bins,
         (SELECT min((b->>'interval_start')::timestamptz) FROM jsonb_array_elements(response) b) AS min_start,
         (SELECT max((b->>'interval_start')::timestamptz) FROM jsonb_array_elements(response) b) AS max_start,
         (response->0->>'interval_end')::timestamptz - (response->0->>'interval_start')::timestamptz AS first_len
    FROM answers
)
SELECT route, "end", step, bins, expected_bins, bins = expected_bins AS len_ok,
       min_start = start AS min_start_ok, first_len = step AS first_interval_ok,
       max_start, max_start = start + (expected_bins - 1) * step AS max_start_ok
  FROM starts ORDER BY route, "end", step;

------------------------------------------------------------------------------
-- test_history_returns_maximum_items: dt to dt + 10 days by 1 minute, both
-- routes: only the first 500 items, min == dt, max == dt + 499 minutes
------------------------------------------------------------------------------
WITH answers(route, response) AS (
  VALUES ('flow_runs', flow_run_history_json('{"history_start": "2021-07-01T00:00:00+00:00",
                                               "history_end": "2021-07-11T00:00:00+00:00",
                                               "history_interval_seconds": 60.0}')),
         ('task_runs', task_run_history_json('{"history_start": "2021-07-01T00:00:00+00:00",
                                               "history_end": "2021-07-11T00:00:00+00:00",
                                               "history_interval_seconds": 60.0}'))
)
SELECT route, jsonb_array_length(response) AS items, jsonb_array_length(response) = 500 AS len_ok,
       min((b->>'interval_start')::timestamptz) = dt() AS min_ok,
       max((b->>'interval_start')::timestamptz) AS max_start,
       max((b->>'interval_start')::timestamptz) = dt() + interval '499 minutes' AS max_ok
  FROM answers, jsonb_array_elements(response) AS b
 GROUP BY route, response ORDER BY route;

------------------------------------------------------------------------------
-- test_daily_bins_flow_runs: dt - 5 days to dt + 1 day, daily bins
------------------------------------------------------------------------------
SELECT * FROM compare_bins(
  flow_run_history_json('{"history_start": "2021-06-26 00:00:00+00:00",
                          "history_end": "2021-07-02 00:00:00+00:00",
                          "history_interval_seconds": 86400.0}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() - interval '5 days', dt() - interval '4 days', 'Failed', 'FAILED', 1),
     (dt() - interval '4 days', dt() - interval '3 days', 'Failed', 'FAILED', 1),
     (dt() - interval '3 days', dt() - interval '2 days', 'Completed', 'COMPLETED', 2),
     (dt() - interval '2 days', dt() - interval '1 day', 'Completed', 'COMPLETED', 2),
     (dt() - interval '2 days', dt() - interval '1 day', 'Running', 'RUNNING', 4),
     (dt() - interval '1 day', dt(), 'Completed', 'COMPLETED', 2),
     (dt() - interval '1 day', dt(), 'Running', 'RUNNING', 4),
     (dt() - interval '1 day', dt(), 'Scheduled', 'SCHEDULED', 4),
     (dt(), dt() + interval '1 day', 'Completed', 'COMPLETED', 1),
     (dt(), dt() + interval '1 day', 'Running', 'RUNNING', 2),
     (dt(), dt() + interval '1 day', 'Scheduled', 'SCHEDULED', 4)
   ) AS e(interval_start, interval_end, state_name, state_type, count_runs)));

------------------------------------------------------------------------------
-- test_weekly_bins_flow_runs: dt - 16 days to dt + 6 days, 7-day bins
------------------------------------------------------------------------------
SELECT * FROM compare_bins(
  flow_run_history_json('{"history_start": "2021-06-15 00:00:00+00:00",
                          "history_end": "2021-07-07 00:00:00+00:00",
                          "history_interval_seconds": 604800.0}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() - interval '16 days', dt() - interval '9 days', 'Completed', 'COMPLETED', 6),
     (dt() - interval '16 days', dt() - interval '9 days', 'Failed', 'FAILED', 4),
     (dt() - interval '9 days', dt() - interval '2 days', 'Completed', 'COMPLETED', 10),
     (dt() - interval '9 days', dt() - interval '2 days', 'Failed', 'FAILED', 4),
     (dt() - interval '2 days', dt() + interval '5 days', 'Completed', 'COMPLETED', 5),
     (dt() - interval '2 days', dt() + interval '5 days', 'Running', 'RUNNING', 10),
     (dt() - interval '2 days', dt() + interval '5 days', 'Scheduled', 'SCHEDULED', 17),
     (dt() + interval '5 days', dt() + interval '12 days', NULL, NULL, NULL)
   ) AS e(interval_start, interval_end, state_name, state_type, count_runs)));

------------------------------------------------------------------------------
-- test_weekly_bins_with_filters_flow_runs: the same, with
-- flow_runs=dict(state=dict(type=dict(any_=["FAILED", "SCHEDULED"])))
------------------------------------------------------------------------------
SELECT * FROM compare_bins(
  flow_run_history_json('{"history_start": "2021-06-15 00:00:00+00:00",
                          "history_end": "2021-07-07 00:00:00+00:00",
                          "history_interval_seconds": 604800.0,
                          "flow_runs": {"state": {"type": {"any_": ["FAILED", "SCHEDULED"]}}}}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() - interval '16 days', dt() - interval '9 days', 'Failed', 'FAILED', 4),
     (dt() - interval '9 days', dt() - interval '2 days', 'Failed', 'FAILED', 4),
     (dt() - interval '2 days', dt() + interval '5 days', 'Scheduled', 'SCHEDULED', 17),
     (dt() + interval '5 days', dt() + interval '12 days', NULL, NULL, NULL)
   ) AS e(interval_start, interval_end, state_name, state_type, count_runs)));

------------------------------------------------------------------------------
-- test_weekly_bins_with_filters_work_pools: daily bins, dt - 5 days to dt + 1
-- day, work_pools=dict(name=dict(any_=[work_pool.name])); "Only completed runs
-- are associated with the work pool"
------------------------------------------------------------------------------
SELECT * FROM compare_bins(
  flow_run_history_json('{"history_start": "2021-06-26 00:00:00+00:00",
                          "history_end": "2021-07-02 00:00:00+00:00",
                          "history_interval_seconds": 86400.0,
                          "work_pools": {"name": {"any_": ["test-work-pool-run-history"]}}}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() - interval '5 days', dt() - interval '4 days', NULL, NULL, NULL),
     (dt() - interval '4 days', dt() - interval '3 days', NULL, NULL, NULL),
     (dt() - interval '3 days', dt() - interval '2 days', 'Completed', 'COMPLETED', 2),
     (dt() - interval '2 days', dt() - interval '1 day', 'Completed', 'COMPLETED', 2),
     (dt() - interval '1 day', dt(), 'Completed', 'COMPLETED', 2),
     (dt(), dt() + interval '1 day', 'Completed', 'COMPLETED', 1)
   ) AS e(interval_start, interval_end, state_name, state_type, count_runs)));

------------------------------------------------------------------------------
-- test_weekly_bins_with_filters_work_queues: the same window,
-- work_queues=dict(id=dict(any_=[str(work_queue.id)])) (queue "wq")
------------------------------------------------------------------------------
SELECT * FROM compare_bins(
  flow_run_history_json('{"history_start": "2021-06-26 00:00:00+00:00",
                          "history_end": "2021-07-02 00:00:00+00:00",
                          "history_interval_seconds": 86400.0,
                          "work_queues": {"id": {"any_": ["b0000000-0000-4000-8000-000000000002"]}}}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() - interval '5 days', dt() - interval '4 days', NULL, NULL, NULL),
     (dt() - interval '4 days', dt() - interval '3 days', NULL, NULL, NULL),
     (dt() - interval '3 days', dt() - interval '2 days', 'Completed', 'COMPLETED', 2),
     (dt() - interval '2 days', dt() - interval '1 day', 'Completed', 'COMPLETED', 2),
     (dt() - interval '1 day', dt(), 'Completed', 'COMPLETED', 2),
     (dt(), dt() + interval '1 day', 'Completed', 'COMPLETED', 1)
   ) AS e(interval_start, interval_end, state_name, state_type, count_runs)));

------------------------------------------------------------------------------
-- test_5_minute_bins_task_runs: task runs, dt - 5 min to dt + 15 min
------------------------------------------------------------------------------
SELECT * FROM compare_bins(
  task_run_history_json('{"history_start": "2021-06-30 23:55:00+00:00",
                          "history_end": "2021-07-01 00:15:00+00:00",
                          "history_interval_seconds": 300.0}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (timestamptz '2021-06-30 23:55Z', timestamptz '2021-07-01 00:00Z', NULL, NULL, NULL),
     ('2021-07-01 00:00Z', '2021-07-01 00:05Z', 'Completed', 'COMPLETED', 5),
     ('2021-07-01 00:05Z', '2021-07-01 00:10Z', 'Completed', 'COMPLETED', 5),
     ('2021-07-01 00:05Z', '2021-07-01 00:10Z', 'Failed', 'FAILED', 3),
     ('2021-07-01 00:10Z', '2021-07-01 00:15Z', 'Failed', 'FAILED', 5),
     ('2021-07-01 00:10Z', '2021-07-01 00:15Z', 'Running', 'RUNNING', 1)
   ) AS e(interval_start, interval_end, state_name, state_type, count_runs)));

------------------------------------------------------------------------------
-- test_5_minute_bins_task_runs_with_filter: the same, with
-- task_runs=dict(state=dict(type=dict(any_=["COMPLETED", "RUNNING"])))
------------------------------------------------------------------------------
SELECT * FROM compare_bins(
  task_run_history_json('{"history_start": "2021-06-30 23:55:00+00:00",
                          "history_end": "2021-07-01 00:15:00+00:00",
                          "history_interval_seconds": 300.0,
                          "task_runs": {"state": {"type": {"any_": ["COMPLETED", "RUNNING"]}}}}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (timestamptz '2021-06-30 23:55Z', timestamptz '2021-07-01 00:00Z', NULL, NULL, NULL),
     ('2021-07-01 00:00Z', '2021-07-01 00:05Z', 'Completed', 'COMPLETED', 5),
     ('2021-07-01 00:05Z', '2021-07-01 00:10Z', 'Completed', 'COMPLETED', 5),
     ('2021-07-01 00:10Z', '2021-07-01 00:15Z', 'Running', 'RUNNING', 1)
   ) AS e(interval_start, interval_end, state_name, state_type, count_runs)));

------------------------------------------------------------------------------
-- test_last_bin_contains_end_date: both routes, dt to dt + 1 day 30 min by
-- 1 day: two intervals, [dt, dt + 1 day) and [dt + 1 day, dt + 2 days)
------------------------------------------------------------------------------
WITH answers(route, response) AS (
  VALUES ('flow_runs', flow_run_history_json('{"history_start": "2021-07-01 00:00:00+00:00",
                                               "history_end": "2021-07-02 00:30:00+00:00",
                                               "history_interval_seconds": 86400.0}')),
         ('task_runs', task_run_history_json('{"history_start": "2021-07-01 00:00:00+00:00",
                                               "history_end": "2021-07-02 00:30:00+00:00",
                                               "history_interval_seconds": 86400.0}'))
)
SELECT route, jsonb_array_length(response) = 2 AS len_ok,
       (response->0->>'interval_start')::timestamptz = dt() AS start_0_ok,
       (response->0->>'interval_end')::timestamptz = dt() + interval '1 day' AS end_0_ok,
       (response->1->>'interval_start')::timestamptz = dt() + interval '1 day' AS start_1_ok,
       (response->1->>'interval_end')::timestamptz AS end_1,
       (response->1->>'interval_end')::timestamptz = dt() + interval '2 days' AS end_1_ok
  FROM answers ORDER BY route;

------------------------------------------------------------------------------
-- test_flow_run_lateness: the test first runs "delete from flow where true;"
-- (which cascades to every run), then creates flow "lateness" with:
------------------------------------------------------------------------------
DELETE FROM flow WHERE true;
SELECT count(*) AS flow_runs_left FROM flow_run;
INSERT INTO flow (id, name) VALUES ('f0000000-0000-4000-8000-000000000003', 'lateness');

-- "started 3 seconds late": created Pending(dt - 40 min), then Running(dt -
-- 39 min 57 s), then Completed(dt) forced. Global transforms: expected_start_time
-- from the first state; start_time at Running (run_count 1); end_time at
-- Completed; total_run_time += dt - (dt - 39:57) on leaving Running.
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, next_scheduled_start_time, start_time, end_time,
                      run_count, total_run_time)
VALUES ('e0000000-0000-4000-8000-000000010001', 'late-3s', 'f0000000-0000-4000-8000-000000000003',
        'COMPLETED', 'Completed', dt(), dt() - interval '40 minutes', NULL,
        dt() - interval '39 minutes 57 seconds', dt(), 1, interval '39 minutes 57 seconds');
INSERT INTO flow_run_state (id, flow_run_id, type, name, "timestamp")
VALUES ('e1000000-0000-4000-8000-000000010001', 'e0000000-0000-4000-8000-000000010001',
        'PENDING', 'Pending', dt() - interval '40 minutes'),
       ('e1000000-0000-4000-8000-000000010002', 'e0000000-0000-4000-8000-000000010001',
        'RUNNING', 'Running', dt() - interval '39 minutes 57 seconds'),
       ('e1000000-0000-4000-8000-000000010003', 'e0000000-0000-4000-8000-000000010001',
        'COMPLETED', 'Completed', dt());
UPDATE flow_run SET state_id = 'e1000000-0000-4000-8000-000000010003'
 WHERE id = 'e0000000-0000-4000-8000-000000010001';

-- "started 10 minutes late, still running": created Scheduled(scheduled_time =
-- dt - 15 min) (stamped now()), then Pending(dt - 6 min) and Running(dt - 5 min),
-- both forced: expected_start_time dt - 15 min, next_scheduled_start_time
-- cleared on leaving SCHEDULED, start_time dt - 5 min, run_count 1, total 0.
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, next_scheduled_start_time, start_time, end_time,
                      run_count, total_run_time)
VALUES ('e0000000-0000-4000-8000-000000010002', 'late-10min-running', 'f0000000-0000-4000-8000-000000000003',
        'RUNNING', 'Running', dt() - interval '5 minutes', dt() - interval '15 minutes', NULL,
        dt() - interval '5 minutes', NULL, 1, interval '0');
INSERT INTO flow_run_state (id, flow_run_id, type, name, "timestamp", state_details)
VALUES ('e1000000-0000-4000-8000-000000010004', 'e0000000-0000-4000-8000-000000010002',
        'SCHEDULED', 'Scheduled', now(), jsonb_build_object('scheduled_time', dt() - interval '15 minutes')),
       ('e1000000-0000-4000-8000-000000010005', 'e0000000-0000-4000-8000-000000010002',
        'PENDING', 'Pending', dt() - interval '6 minutes', '{}'),
       ('e1000000-0000-4000-8000-000000010006', 'e0000000-0000-4000-8000-000000010002',
        'RUNNING', 'Running', dt() - interval '5 minutes', '{}');
UPDATE flow_run SET state_id = 'e1000000-0000-4000-8000-000000010006'
 WHERE id = 'e0000000-0000-4000-8000-000000010002';

-- "never started": Scheduled(scheduled_time = dt - 1 min) and (dt - 25 s)
SELECT count(create_flow_run('f0000000-0000-4000-8000-000000000003', 'never-started', '[]',
                             'SCHEDULED', t)) AS never_started
  FROM (VALUES (dt() - interval '1 minute'), (dt() - interval '25 seconds')) AS v(t);

-- The request, dt - 1 day to dt + 1 day in one 2-day interval, flows id = f.id.
-- request_time is now() (the transaction start, which is Prefect's now() in the
-- query too), response_time the clock after the answer.
CREATE TEMP TABLE lateness AS
SELECT now() AS request_time,
       row_number() OVER (ORDER BY h.state_name COLLATE "C") - 1 AS i,
       h.*,
       clock_timestamp() AS response_time
  FROM flow_run_history('{"history_start": "2021-06-30 00:00:00+00:00",
                          "history_end": "2021-07-02 00:00:00+00:00",
                          "history_interval_seconds": 172800.0,
                          "flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000003"]}}}') AS h;

-- interval["interval_start"] == dt - 1 day, interval["interval_end"] == dt + 1 day
SELECT DISTINCT interval_start, interval_start = dt() - interval '1 day' AS start_ok,
       interval_end, interval_end = dt() + interval '1 day' AS end_ok
  FROM lateness;

-- COMPLETED: states[0]: count 1, run time 39 min 57 s, lateness 3 s
SELECT i, state_type, state_type = 'COMPLETED' AS type_ok,
       count_runs, count_runs = 1 AS count_ok,
       sum_estimated_run_time, sum_estimated_run_time = interval '39 minutes 57 seconds' AS run_time_ok,
       sum_estimated_lateness, sum_estimated_lateness = interval '3 seconds' AS lateness_ok
  FROM lateness WHERE i = 0;

-- RUNNING: states[1]: count 1; expected_run_time = now - (dt - 5 min) with
-- expected_run_time - 2 s < run time < expected_run_time, now taken after the
-- answer (response_time); exactly request_time - (dt - 5 min) here; lateness 600 s
SELECT i, state_type, state_type = 'RUNNING' AS type_ok,
       count_runs, count_runs = 1 AS count_ok,
       sum_estimated_run_time > (response_time - (dt() - interval '5 minutes')) - interval '2 seconds'
         AND sum_estimated_run_time < response_time - (dt() - interval '5 minutes') AS run_time_ok,
       sum_estimated_run_time = request_time - (dt() - interval '5 minutes') AS run_time_exact,
       sum_estimated_lateness, sum_estimated_lateness = interval '600 seconds' AS lateness_ok
  FROM lateness WHERE i = 1;

-- SCHEDULED: states[2]: count 2, run time 0; lateness between
-- minimum_expected_lateness - 2 s and maximum_expected_lateness + 2 s, where
-- they are (t - (dt - 1 min)) + (t - (dt - 25 s)) at request_time and at
-- response_time; exactly that at request_time here
SELECT i, state_type, state_type = 'SCHEDULED' AS type_ok,
       count_runs, count_runs = 2 AS count_ok,
       sum_estimated_run_time, sum_estimated_run_time = interval '0' AS run_time_ok,
       sum_estimated_lateness >= (request_time - (dt() - interval '1 minute'))
                                 + (request_time - (dt() - interval '25 seconds')) - interval '2 seconds'
         AND sum_estimated_lateness <= (response_time - (dt() - interval '1 minute'))
                                       + (response_time - (dt() - interval '25 seconds')) + interval '2 seconds'
         AS lateness_ok,
       sum_estimated_lateness = (request_time - (dt() - interval '1 minute'))
                                + (request_time - (dt() - interval '25 seconds')) AS lateness_exact
  FROM lateness WHERE i = 2;

SELECT count(*) AS states FROM lateness;
DROP TABLE lateness;

------------------------------------------------------------------------------
-- test_history_boundary_runs_land_in_later_bucket: start = dt + 1 hour, hourly;
-- runs at start and start + 1 hour land in one interval each
------------------------------------------------------------------------------
SELECT create_history_flow('f0000000-0000-4000-8000-000000000011',
                           ARRAY[dt() + interval '1 hour', dt() + interval '2 hours']) AS flow_id;
SELECT name FROM flow WHERE id = 'f0000000-0000-4000-8000-000000000011';
SELECT * FROM compare_counts(
  flow_run_history_json('{"history_start": "2021-07-01T01:00:00+00:00",
                          "history_end": "2021-07-01T03:00:00+00:00",
                          "history_interval_seconds": 3600.0,
                          "flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000011"]}}}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() + interval '1 hour', dt() + interval '2 hours', '[1]'::jsonb),
     (dt() + interval '2 hours', dt() + interval '3 hours', '[1]')
   ) AS e(interval_start, interval_end, count_runs)));

------------------------------------------------------------------------------
-- test_history_boundaries_are_anchored_on_history_start: start = dt + 37.5 s,
-- 90-second intervals, runs at start, start + 90 s, start + 180 s
------------------------------------------------------------------------------
SELECT create_history_flow('f0000000-0000-4000-8000-000000000012',
                           ARRAY[dt() + interval '37.5 seconds', dt() + interval '127.5 seconds',
                                 dt() + interval '217.5 seconds']) AS flow_id;
SELECT name FROM flow WHERE id = 'f0000000-0000-4000-8000-000000000012';
SELECT * FROM compare_counts(
  flow_run_history_json('{"history_start": "2021-07-01T00:00:37.500000+00:00",
                          "history_end": "2021-07-01T00:05:07.500000+00:00",
                          "history_interval_seconds": 90.0,
                          "flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000012"]}}}'),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() + interval '37.5 seconds', dt() + interval '37.5 seconds' + interval '90 seconds', '[1]'::jsonb),
     (dt() + interval '37.5 seconds' + interval '90 seconds',
      dt() + interval '37.5 seconds' + 2 * interval '90 seconds', '[1]'),
     (dt() + interval '37.5 seconds' + 2 * interval '90 seconds',
      dt() + interval '37.5 seconds' + 3 * interval '90 seconds', '[1]')
   ) AS e(interval_start, interval_end, count_runs)));

------------------------------------------------------------------------------
-- test_history_includes_empty_buckets: start = dt + 2 hours, 5-minute
-- intervals, runs at start and start + 10 min; the states of the four
-- intervals, whole (sums included)
------------------------------------------------------------------------------
SELECT create_history_flow('f0000000-0000-4000-8000-000000000013',
                           ARRAY[dt() + interval '2 hours', dt() + interval '2 hours 10 minutes']) AS flow_id;
WITH answer AS (
  SELECT flow_run_history_json('{"history_start": "2021-07-01T02:00:00+00:00",
                                 "history_end": "2021-07-01T02:20:00+00:00",
                                 "history_interval_seconds": 300.0,
                                 "flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000013"]}}}') AS response
), expected(n, states) AS (VALUES
  (0, '[{"state_name": "Completed", "state_type": "COMPLETED", "count_runs": 1,
         "sum_estimated_run_time": 0.0, "sum_estimated_lateness": 0.0}]'::jsonb),
  (1, '[]'),
  (2, '[{"state_name": "Completed", "state_type": "COMPLETED", "count_runs": 1,
         "sum_estimated_run_time": 0.0, "sum_estimated_lateness": 0.0}]'),
  (3, '[]')
)
SELECT e.n, a.response->e.n->'states' AS states, a.response->e.n->'states' = e.states AS ok,
       jsonb_array_length(a.response) = 4 AS len_ok
  FROM answer a, expected e ORDER BY e.n;

------------------------------------------------------------------------------
-- test_last_bin_contains_runs_past_history_end: start = dt + 3 hours,
-- 10-minute intervals, end = start + 21 min, runs at start + 20 min and
-- start + 25 min: the last interval is [start + 20 min, start + 30 min) with
-- count_runs 2
------------------------------------------------------------------------------
SELECT create_history_flow('f0000000-0000-4000-8000-000000000014',
                           ARRAY[dt() + interval '3 hours 20 minutes', dt() + interval '3 hours 25 minutes']) AS flow_id;
SELECT name FROM flow WHERE id = 'f0000000-0000-4000-8000-000000000014';
SELECT * FROM compare_counts(
  jsonb_build_array(flow_run_history_json('{"history_start": "2021-07-01T03:00:00+00:00",
                                            "history_end": "2021-07-01T03:21:00+00:00",
                                            "history_interval_seconds": 600.0,
                                            "flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000014"]}}}')
                    -> -1),
  (SELECT jsonb_agg(e) FROM (VALUES
     (dt() + interval '3 hours' + 2 * interval '10 minutes',
      dt() + interval '3 hours' + 3 * interval '10 minutes', '[2]'::jsonb)
   ) AS e(interval_start, interval_end, count_runs)));

------------------------------------------------------------------------------
-- test_history_accepts_stdlib_datetimes: calls run_history() directly with
-- Python datetimes; the SQL counterpart is the psql form with timestamptz and
-- interval arguments. start = dt, 5-minute intervals, runs at start and
-- start + 5 min: interval starts [start, start + 5 min], counts [1, 1]
------------------------------------------------------------------------------
SELECT create_history_flow('f0000000-0000-4000-8000-000000000015',
                           ARRAY[dt(), dt() + interval '5 minutes']) AS flow_id;
SELECT name FROM flow WHERE id = 'f0000000-0000-4000-8000-000000000015';
SELECT array_agg(interval_start ORDER BY interval_start) AS interval_starts,
       array_agg(interval_start ORDER BY interval_start) = ARRAY[dt(), dt() + interval '5 minutes'] AS starts_ok,
       array_agg(count_runs ORDER BY interval_start) AS counts,
       array_agg(count_runs ORDER BY interval_start) = ARRAY[1, 1]::bigint[] AS counts_ok
  FROM flow_run_history(dt(), dt() + 2 * interval '5 minutes', interval '5 minutes',
                        '{"flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000015"]}}}');

------------------------------------------------------------------------------
-- test_history_normalizes_interval_boundaries_to_utc: start =
-- 2021-07-01T02:00+02:00, one 5-minute interval; the JSON says
-- "2021-07-01T00:00:00Z" and "2021-07-01T00:05:00Z". The flow's name,
-- history-test-1625097600.0, is the one of the previous test, so Prefect's
-- create_flow (an upsert on the name) returns that flow and adds a run to it.
------------------------------------------------------------------------------
SELECT create_history_flow('f0000000-0000-4000-8000-000000000016',
                           ARRAY[timestamptz '2021-07-01T02:00:00+02:00']) AS flow_id;
SELECT (response->0->>'interval_start') AS interval_start,
       (response->0->>'interval_start') = '2021-07-01T00:00:00Z' AS start_ok,
       (response->0->>'interval_end') AS interval_end,
       (response->0->>'interval_end') = '2021-07-01T00:05:00Z' AS end_ok
  FROM flow_run_history_json('{"history_start": "2021-07-01T02:00:00+02:00",
                               "history_end": "2021-07-01T02:05:00+02:00",
                               "history_interval_seconds": 300.0,
                               "flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000015"]}}}') AS response;

-- clean up
RESET flow_history.schema;
RESET search_path;
SET client_min_messages = warning;
DROP SCHEMA prefect_tests CASCADE;
RESET client_min_messages;
