-- test/oracle/cases.sql
--
-- The oracle's corpus: one row per case in oracle.cases (created by
-- reference.sql): (name, run_type, request, where_sql).
--
--   run_type   'flow_run' (POST /api/flow_runs/history) or 'task_run'
--              (POST /api/task_runs/history)
--   request    the request body, given to flow_run_history_json() or
--              task_run_history_json()
--   where_sql  the WHERE clause Prefect's filter compiler produces for the
--              request's filters, written by hand from Prefect's filter
--              semantics (doc/filters.md), over the counted table (flow_run or task_run, unaliased) and
--              the other tables under their own names (flow, deployment,
--              work_queue, work_pool), as SQLAlchemy writes them. 'TRUE'
--              when there is no condition. Fresh copies of a table inside a
--              subquery get SQLAlchemy-style aliases (flow_run_1, ...).
--
-- The request is the window (a named one from the table below, or written
-- out in the body) merged with the body (body keys win).
--
-- Data: test/fixtures/generate_data.sql with seed=42, flow_runs=20000,
-- task_runs_per_flow_run=2.5, null_state_runs=30, default anchor
-- (2024-03-01): runs expected in [2024-01-01, 2024-03-01), SCHEDULED ones up
-- to 2024-03-04. Ids are hashes of (seed, kind, row) and stable. Values used:
--
--   flows       37e10be4-5bdf-4861-a0a4-c13027997811  dbt-flow-160     tags []        5 deployments
--               5147392c-a288-49b7-813c-75f4d6889395  Sync-flow-135    ["ml"]
--               dfee0a51-425a-4f2f-a676-2d558666d34b  Backup-flow-63   ["green"]
--               e6615b53-5f82-415c-a24a-255db966dbb8  report-flow-127  ["ml"]
--               2c0b6c30-c5f4-45bb-9bc8-fdffbde3c5fd  dbt-flow-8       ["etl"]        no deployment
--   flow runs   cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e  COMPLETED, 4 task runs, 2024-02-10
--               1f0acdf1-35b3-4601-a602-8adee296ac74  RUNNING, 2 task runs, 2024-02-10
--               200cabb2-e8ba-443a-b364-559888eb2533  SCHEDULED/Late, no task runs, 2024-02-10
--               018d8d9c-843c-774a-ba05-0d84912a852e  FAILED, 2024-02-10
--               32ade5d2-146a-40d4-a4fe-be2c547ea70f  RUNNING with NULL state_timestamp
--               b9163357-a285-4863-977e-b85d0d6f3972  parent of 3 subflows (2024-01-14)
--               f0df60f4-3ffe-44a4-8539-95b824a922c6  parent of 3 subflows (2024-01-20)
--   task runs   51b73d03-8506-4acd-bbfb-cec2df49ffbc  query_db-0 of cb44924d
--               aa0f392d-21da-4dcf-ad50-f6bbc11770fa  extract-0, RUNNING
--               a96c15fe-8653-4215-8d3f-877827b647c2  transform-0, PENDING
--               735c5239-0075-4e9b-8dcf-7414d41d93b9  autonomous (no flow run), RUNNING
--               7cd331f3-8cf6-4377-88ed-5a87f9a44c95, a2520bd6-159a-4db9-8b3d-07bde01d2fb8  parents of subflows
--   deployments a19836d4-161e-4d2c-a85f-89c408c4f741  staging-1       ["dev","test"]  queue default
--               73e4782a-4c62-4443-b9d7-1af7d364ebe6  daily_report-2  ["green"]       queue low-18
--               49d94edf-c1fe-4ddb-a8e8-144a8a082322  hourly-sync-76  paused
--               0845bbae-5c11-4c7f-a047-4db564ec273a  dangling: used by 25 flow runs, no such row
--   work pools  c6230f3f-fc66-49a3-adfb-e6f14c118888  k8s-pool-1 (kubernetes)
--               16cace7b-3afc-4b62-9661-1b63fa001f40  docker-pool-2 (docker)
--   work queues 35368a06-6a36-464b-851a-34722e3f79d6  Beta_q-12
--               527436fe-ae93-4bd3-915d-ef51ebe70382  wq-alpha-14
--   created_by  22360acc-f1a9-4db2-a6cc-a85ae16c3f3c  AUTOMATION
--               8bf4b5be-4c77-4a59-aaf2-b8eb9515224e  USER

CREATE TEMP TABLE oracle_windows (w text PRIMARY KEY, req jsonb NOT NULL);
INSERT INTO oracle_windows VALUES
  ('day',    '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-11T00:00:00Z", "history_interval_seconds": 3600}'),
  ('2w',     '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-15T00:00:00Z", "history_interval_seconds": 86400}'),
  ('all',    '{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 86400}'),
  ('last',   '{"history_start": "2024-02-29T00:00:00Z", "history_end": "2024-03-01T00:00:00Z", "history_interval_seconds": 3600}'),
  ('future', '{"history_start": "2024-03-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 21600}');

CREATE TEMP TABLE oracle_case_input (
    name text, run_type text, w text, body text, where_sql text
);

-- ===========================================================================
-- A. Windows and intervals (no filters)
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_win_day_hourly', 'flow_run', 'day', '{}', 'TRUE'),
('fr_win_all_daily', 'flow_run', 'all', '{}', 'TRUE'),
('fr_win_two_weeks_daily', 'flow_run', '2w', '{}', 'TRUE'),
('fr_win_last_day_hourly', 'flow_run', 'last', '{}', 'TRUE'),
('fr_win_single_interval', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T06:00:00Z", "history_interval_seconds": 21600}', 'TRUE'),
('fr_win_step_longer_than_window', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T01:00:00Z", "history_interval_seconds": 86400}', 'TRUE'),
('fr_win_last_interval_past_end', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T02:05:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_500_exact', 'flow_run', NULL,
 '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-04T11:20:00Z", "history_interval_seconds": 600}', 'TRUE'),
('fr_win_501_steps', 'flow_run', NULL,
 '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-01T16:42:00Z", "history_interval_seconds": 120}', 'TRUE'),
('fr_win_over_500_7s', 'flow_run', NULL,
 '{"history_start": "2024-02-15T00:00:00Z", "history_end": "2024-02-16T00:00:00Z", "history_interval_seconds": 7}', 'TRUE'),
('fr_win_over_500_hourly', 'flow_run', NULL,
 '{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_over_500_1s', 'flow_run', NULL,
 '{"history_start": "2024-02-20T12:00:00Z", "history_end": "2024-02-20T12:10:00Z", "history_interval_seconds": 1}', 'TRUE'),
('fr_win_3960s', 'flow_run', NULL,
 '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-03T00:00:00Z", "history_interval_seconds": 3960}', 'TRUE'),
('fr_win_week_steps', 'flow_run', NULL,
 '{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 604800}', 'TRUE'),
('fr_win_week_steps_unaligned', 'flow_run', NULL,
 '{"history_start": "2023-12-25T13:00:00Z", "history_end": "2024-03-11T00:00:00Z", "history_interval_seconds": 604800}', 'TRUE'),
('fr_win_two_day_steps', 'flow_run', NULL,
 '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-15T00:00:00Z", "history_interval_seconds": 172800}', 'TRUE'),
('fr_win_fractional_5400_5', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T04:00:00Z", "history_interval_seconds": 5400.5}', 'TRUE'),
('fr_win_fractional_5400_5_long', 'flow_run', NULL,
 '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-05T00:00:00Z", "history_interval_seconds": 5400.5}', 'TRUE'),
('fr_win_fractional_micro_step', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-11T00:00:00Z", "history_interval_seconds": 3600.000001}', 'TRUE'),
('fr_win_fractional_over_500', 'flow_run', NULL,
 '{"history_start": "2024-02-12T00:00:00Z", "history_end": "2024-02-13T00:00:00Z", "history_interval_seconds": 60.25}', 'TRUE'),
('fr_win_offset_start', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:17:23Z", "history_end": "2024-02-11T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_microsecond_start', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00.123456Z", "history_end": "2024-02-10T12:00:00Z", "history_interval_seconds": 1800}', 'TRUE'),
('fr_win_tz_offset_inputs', 'flow_run', NULL,
 '{"history_start": "2024-02-10T02:00:00+02:00", "history_end": "2024-02-11T02:00:00+02:00", "history_interval_seconds": 7200}', 'TRUE'),
('fr_win_naive_and_date_only', 'flow_run', NULL,
 '{"history_start": "2024-02-10 00:00", "history_end": "2024-02-11", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_unix_seconds', 'flow_run', NULL,
 '{"history_start": 1706745600, "history_end": 1707955200, "history_interval_seconds": 86400}', 'TRUE'),
('fr_win_unix_millis', 'flow_run', NULL,
 '{"history_start": 1706745600000, "history_end": "2024-02-15T00:00:00Z", "history_interval_seconds": 86400}', 'TRUE'),
('fr_win_step_numeric_string', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-11T00:00:00Z", "history_interval_seconds": "3600"}', 'TRUE'),
('fr_win_step_true_is_1s', 'flow_run', NULL,
 '{"history_start": "2024-02-20T12:00:00Z", "history_end": "2024-02-20T12:05:00Z", "history_interval_seconds": true}', 'TRUE'),
('fr_win_end_before_start', 'flow_run', NULL,
 '{"history_start": "2024-02-11T00:00:00Z", "history_end": "2024-02-10T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_end_equals_start', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_step_with_days_part', 'flow_run', NULL,
 '{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 90000}', 'TRUE'),
('fr_win_step_30_days', 'flow_run', NULL,
 '{"history_start": "2023-12-15T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 2592000}', 'TRUE'),
('fr_win_step_string_with_spaces', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-11T00:00:00Z", "history_interval_seconds": " 60 "}', 'TRUE'),
('fr_win_step_rounds_up_to_1s', 'flow_run', NULL,
 '{"history_start": "2024-02-20T12:00:00Z", "history_end": "2024-02-20T12:20:00Z", "history_interval_seconds": 0.9999999}', 'TRUE'),
('fr_win_start_7_fraction_digits', 'flow_run', NULL,
 '{"history_start": "2024-02-10T00:00:00.1234567Z", "history_end": "2024-02-10T12:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_unix_fractional', 'flow_run', NULL,
 '{"history_start": 1707566400.5, "history_end": 1707609600, "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_boundaries_exact', 'flow_run', NULL,
 '{"history_start": "2024-03-01T00:13:00Z", "history_end": "2024-03-01T02:00:00Z", "history_interval_seconds": 678.924164}', 'TRUE'),
('fr_win_future_scheduled', 'flow_run', 'future', '{}', 'TRUE'),
('fr_win_future_scheduled_hourly', 'flow_run', NULL,
 '{"history_start": "2024-03-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_far_future_empty', 'flow_run', NULL,
 '{"history_start": "2027-01-01T00:00:00Z", "history_end": "2027-01-02T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('fr_win_past_empty', 'flow_run', NULL,
 '{"history_start": "2023-06-01T00:00:00Z", "history_end": "2023-06-02T00:00:00Z", "history_interval_seconds": 21600}', 'TRUE'),
('fr_win_across_anchor', 'flow_run', NULL,
 '{"history_start": "2024-02-29T18:00:00Z", "history_end": "2024-03-01T06:00:00Z", "history_interval_seconds": 1800}', 'TRUE'),
('fr_win_unknown_top_level_keys', 'flow_run', 'day',
 '{"bogus": 1, "limit": 10, "sort": "ID_DESC", "labels": {"x": 1}}', 'TRUE'),
('fr_win_null_filters', 'flow_run', '2w',
 '{"flows": null, "flow_runs": null, "task_runs": null, "deployments": null, "work_pools": null, "work_queues": null}', 'TRUE'),

('tr_win_day_hourly', 'task_run', 'day', '{}', 'TRUE'),
('tr_win_all_daily', 'task_run', 'all', '{}', 'TRUE'),
('tr_win_two_weeks_daily', 'task_run', '2w', '{}', 'TRUE'),
('tr_win_last_day_hourly', 'task_run', 'last', '{}', 'TRUE'),
('tr_win_single_interval', 'task_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T06:00:00Z", "history_interval_seconds": 21600}', 'TRUE'),
('tr_win_over_500_7s', 'task_run', NULL,
 '{"history_start": "2024-02-15T00:00:00Z", "history_end": "2024-02-16T00:00:00Z", "history_interval_seconds": 7}', 'TRUE'),
('tr_win_over_500_hourly', 'task_run', NULL,
 '{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('tr_win_500_exact', 'task_run', NULL,
 '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-04T11:20:00Z", "history_interval_seconds": 600}', 'TRUE'),
('tr_win_3960s', 'task_run', NULL,
 '{"history_start": "2024-02-01T00:00:00Z", "history_end": "2024-02-03T00:00:00Z", "history_interval_seconds": 3960}', 'TRUE'),
('tr_win_week_steps', 'task_run', NULL,
 '{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-03-04T00:00:00Z", "history_interval_seconds": 604800}', 'TRUE'),
('tr_win_fractional_5400_5', 'task_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T04:00:00Z", "history_interval_seconds": 5400.5}', 'TRUE'),
('tr_win_future_empty', 'task_run', 'future', '{}', 'TRUE'),
('tr_win_end_equals_start', 'task_run', NULL,
 '{"history_start": "2024-02-10T00:00:00Z", "history_end": "2024-02-10T00:00:00Z", "history_interval_seconds": 3600}', 'TRUE'),
('tr_win_null_filters', 'task_run', '2w',
 '{"flows": null, "flow_runs": null, "task_runs": null, "deployments": null}', 'TRUE'),
('tr_win_unknown_top_level_keys', 'task_run', 'day', '{"bogus": [1, 2], "offset": 3}', 'TRUE');

-- ===========================================================================
-- B. flows (FlowFilter; doc/filters.md, flows), flow-run history
--    EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND <filter>)
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_flows_empty', 'flow_run', '2w', '{"flows": {}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id)$$),
('fr_flows_id_any', 'flow_run', 'all',
 '{"flows": {"id": {"any_": ["37e10be4-5bdf-4861-a0a4-c13027997811", "5147392c-a288-49b7-813c-75f4d6889395"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id IN ('37e10be4-5bdf-4861-a0a4-c13027997811', '5147392c-a288-49b7-813c-75f4d6889395'))$$),
('fr_flows_id_any_empty', 'flow_run', '2w', '{"flows": {"id": {"any_": []}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND FALSE)$$),
('fr_flows_id_not_any', 'flow_run', '2w',
 '{"flows": {"id": {"not_any_": ["37e10be4-5bdf-4861-a0a4-c13027997811", "dfee0a51-425a-4f2f-a676-2d558666d34b"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id NOT IN ('37e10be4-5bdf-4861-a0a4-c13027997811', 'dfee0a51-425a-4f2f-a676-2d558666d34b'))$$),
('fr_flows_id_not_any_empty', 'flow_run', '2w', '{"flows": {"id": {"not_any_": []}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id)$$),
('fr_flows_id_any_and_not_any', 'flow_run', 'all',
 '{"flows": {"id": {"any_": ["37e10be4-5bdf-4861-a0a4-c13027997811", "5147392c-a288-49b7-813c-75f4d6889395"], "not_any_": ["37e10be4-5bdf-4861-a0a4-c13027997811"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id IN ('37e10be4-5bdf-4861-a0a4-c13027997811', '5147392c-a288-49b7-813c-75f4d6889395')
           AND flow.id NOT IN ('37e10be4-5bdf-4861-a0a4-c13027997811'))$$),
('fr_flows_id_uuid_spellings', 'flow_run', 'all',
 '{"flows": {"id": {"any_": ["37E10BE4-5BDF-4861-A0A4-C13027997811", "5147392ca28849b7813c75f4d6889395", "{dfee0a51-425a-4f2f-a676-2d558666d34b}", "urn:uuid:e6615b53-5f82-415c-a24a-255db966dbb8"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id IN ('37e10be4-5bdf-4861-a0a4-c13027997811', '5147392c-a288-49b7-813c-75f4d6889395',
                           'dfee0a51-425a-4f2f-a676-2d558666d34b', 'e6615b53-5f82-415c-a24a-255db966dbb8'))$$),
('fr_flows_deployment_is_null_true', 'flow_run', 'all', '{"flows": {"deployment": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id NOT IN (SELECT DISTINCT deployment.flow_id FROM deployment))$$),
('fr_flows_deployment_is_null_false', 'flow_run', '2w', '{"flows": {"deployment": {"is_null_": false}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id IN (SELECT DISTINCT deployment.flow_id FROM deployment))$$),
('fr_flows_deployment_operator_or', 'flow_run', 'all', '{"flows": {"deployment": {"operator": "or_", "is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id NOT IN (SELECT DISTINCT deployment.flow_id FROM deployment))$$),
('fr_flows_deployment_empty', 'flow_run', '2w', '{"flows": {"deployment": {}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id)$$),
('fr_flows_name_any', 'flow_run', 'all', '{"flows": {"name": {"any_": ["dbt-flow-160", "Backup-flow-63"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name IN ('dbt-flow-160', 'Backup-flow-63'))$$),
('fr_flows_name_any_case_sensitive', 'flow_run', 'all', '{"flows": {"name": {"any_": ["DBT-FLOW-160"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name IN ('DBT-FLOW-160'))$$),
('fr_flows_name_like', 'flow_run', '2w', '{"flows": {"name": {"like_": "backup"}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name ILIKE '%backup%')$$),
('fr_flows_name_like_empty', 'flow_run', '2w', '{"flows": {"name": {"like_": ""}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id)$$),
('fr_flows_name_like_underscore_wildcard', 'flow_run', '2w', '{"flows": {"name": {"like_": "t_ain"}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name ILIKE '%t_ain%')$$),
('fr_flows_name_like_percent_wildcard', 'flow_run', '2w', '{"flows": {"name": {"like_": "etl%1"}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name ILIKE '%etl%1%')$$),
('fr_flows_name_like_backslash_escape', 'flow_run', '2w', '{"flows": {"name": {"like_": "etl\\-flow-1"}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name ILIKE '%etl\-flow-1%')$$),
('fr_flows_name_like_escaped_underscore', 'flow_run', '2w', '{"flows": {"name": {"like_": "dbt\\_flow"}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name ILIKE '%dbt\_flow%')$$),
('fr_flows_name_any_and_like', 'flow_run', 'all', '{"flows": {"name": {"any_": ["dbt-flow-160", "Sync-flow-135"], "like_": "sync"}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.name IN ('dbt-flow-160', 'Sync-flow-135') AND flow.name ILIKE '%sync%')$$),
('fr_flows_tags_all', 'flow_run', '2w', '{"flows": {"tags": {"all_": ["etl", "prod"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.tags ?& ARRAY['etl', 'prod'])$$),
('fr_flows_tags_all_empty', 'flow_run', '2w', '{"flows": {"tags": {"all_": []}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id)$$),
('fr_flows_tags_all_no_match', 'flow_run', '2w', '{"flows": {"tags": {"all_": ["nonexistent-tag"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.tags ?& ARRAY['nonexistent-tag'])$$),
('fr_flows_tags_is_null_true', 'flow_run', '2w', '{"flows": {"tags": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.tags = '[]'::jsonb)$$),
('fr_flows_tags_is_null_false', 'flow_run', '2w', '{"flows": {"tags": {"is_null_": false}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.tags <> '[]'::jsonb)$$),
('fr_flows_tags_operator_or', 'flow_run', '2w', '{"flows": {"tags": {"operator": "or_", "all_": ["ml"], "is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND (flow.tags ?& ARRAY['ml'] OR flow.tags = '[]'::jsonb))$$),
('fr_flows_tags_operator_and', 'flow_run', '2w', '{"flows": {"tags": {"operator": "and_", "all_": ["prod"], "is_null_": false}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.tags ?& ARRAY['prod'] AND flow.tags <> '[]'::jsonb)$$),
('fr_flows_operator_or', 'flow_run', '2w',
 '{"flows": {"operator": "or_", "name": {"any_": ["dbt-flow-160"]}, "tags": {"all_": ["finance"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND (flow.name IN ('dbt-flow-160') OR flow.tags ?& ARRAY['finance']))$$),
('fr_flows_operator_or_true_quirk', 'flow_run', '2w',
 '{"flows": {"operator": "or_", "name": {}, "tags": {"all_": ["x"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND (TRUE OR flow.tags ?& ARRAY['x']))$$),
('fr_flows_operator_or_mixed', 'flow_run', 'all',
 '{"flows": {"operator": "or_", "id": {"any_": ["2c0b6c30-c5f4-45bb-9bc8-fdffbde3c5fd"]}, "deployment": {"is_null_": true}, "name": {"like_": "sync-flow-13"}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND (flow.id IN ('2c0b6c30-c5f4-45bb-9bc8-fdffbde3c5fd')
                OR flow.id NOT IN (SELECT DISTINCT deployment.flow_id FROM deployment)
                OR flow.name ILIKE '%sync-flow-13%'))$$),
('fr_flows_operator_and_all_fields', 'flow_run', 'all',
 '{"flows": {"operator": "and_", "id": {"not_any_": ["5147392c-a288-49b7-813c-75f4d6889395"]}, "deployment": {"is_null_": false}, "name": {"like_": "flow-1"}, "tags": {"all_": ["ml"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
           AND flow.id NOT IN ('5147392c-a288-49b7-813c-75f4d6889395')
           AND flow.id IN (SELECT DISTINCT deployment.flow_id FROM deployment)
           AND flow.name ILIKE '%flow-1%'
           AND flow.tags ?& ARRAY['ml'])$$);

-- ===========================================================================
-- C. flow_runs (FlowRunFilter; doc/filters.md, flow_runs), flow-run history: applied directly
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_fr_empty', 'flow_run', '2w', '{"flow_runs": {}}', 'TRUE'),
('fr_fr_id_any', 'flow_run', 'all',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74", "200cabb2-e8ba-443a-b364-559888eb2533", "018d8d9c-843c-774a-ba05-0d84912a852e", "32ade5d2-146a-40d4-a4fe-be2c547ea70f"]}}}',
 $$flow_run.id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74',
                   '200cabb2-e8ba-443a-b364-559888eb2533', '018d8d9c-843c-774a-ba05-0d84912a852e',
                   '32ade5d2-146a-40d4-a4fe-be2c547ea70f')$$),
('fr_fr_id_any_empty', 'flow_run', '2w', '{"flow_runs": {"id": {"any_": []}}}', 'FALSE'),
('fr_fr_id_not_any', 'flow_run', 'day',
 '{"flow_runs": {"id": {"not_any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74"]}}}',
 $$flow_run.id NOT IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74')$$),
('fr_fr_id_not_any_empty', 'flow_run', 'day', '{"flow_runs": {"id": {"not_any_": []}}}', 'TRUE'),
('fr_fr_id_any_and_not_any', 'flow_run', 'day',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74", "200cabb2-e8ba-443a-b364-559888eb2533"], "not_any_": ["1f0acdf1-35b3-4601-a602-8adee296ac74"]}}}',
 $$flow_run.id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74', '200cabb2-e8ba-443a-b364-559888eb2533')
   AND flow_run.id NOT IN ('1f0acdf1-35b3-4601-a602-8adee296ac74')$$),
('fr_fr_name_any', 'flow_run', 'all', '{"flow_runs": {"name": {"any_": ["olive-finch", "eager-hyena"]}}}',
 $$flow_run.name IN ('olive-finch', 'eager-hyena')$$),
('fr_fr_name_like', 'flow_run', 'all', '{"flow_runs": {"name": {"like_": "finch"}}}',
 $$flow_run.name ILIKE '%finch%'$$),
('fr_fr_name_like_case_insensitive', 'flow_run', '2w', '{"flow_runs": {"name": {"like_": "OLIVE"}}}',
 $$flow_run.name ILIKE '%OLIVE%'$$),
('fr_fr_name_like_underscore_wildcard', 'flow_run', 'all', '{"flow_runs": {"name": {"like_": "o_ive-f"}}}',
 $$flow_run.name ILIKE '%o_ive-f%'$$),
('fr_fr_name_like_empty', 'flow_run', 'day', '{"flow_runs": {"name": {"like_": ""}}}', 'TRUE'),
('fr_fr_name_like_percent_only', 'flow_run', 'day', '{"flow_runs": {"name": {"like_": "%"}}}',
 $$flow_run.name ILIKE '%%%'$$),
('fr_fr_name_like_quote', 'flow_run', 'day', '{"flow_runs": {"operator": "or_", "name": {"like_": "o''brien"}, "tags": {"all_": ["it''s"]}, "state": {"name": {"any_": ["Late"]}}}}',
 $$(flow_run.name ILIKE '%o''brien%' OR flow_run.tags ?& ARRAY['it''s'] OR flow_run.state_name IN ('Late'))$$),
('fr_fr_name_any_duplicates', 'flow_run', 'all', '{"flow_runs": {"name": {"any_": ["olive-finch", "olive-finch"]}}}',
 $$flow_run.name IN ('olive-finch', 'olive-finch')$$),
('fr_fr_tags_all', 'flow_run', '2w', '{"flow_runs": {"tags": {"all_": ["auto-scheduled", "etl"]}}}',
 $$flow_run.tags ?& ARRAY['auto-scheduled', 'etl']$$),
('fr_fr_tags_any', 'flow_run', '2w', '{"flow_runs": {"tags": {"any_": ["ml", "green"]}}}',
 $$flow_run.tags ?| ARRAY['ml', 'green']$$),
('fr_fr_tags_any_empty', 'flow_run', '2w', '{"flow_runs": {"tags": {"any_": []}}}', 'FALSE'),
('fr_fr_tags_all_empty', 'flow_run', '2w', '{"flow_runs": {"tags": {"all_": []}}}', 'TRUE'),
('fr_fr_tags_is_null_true', 'flow_run', '2w', '{"flow_runs": {"tags": {"is_null_": true}}}',
 $$flow_run.tags = '[]'::jsonb$$),
('fr_fr_tags_is_null_lax_bool', 'flow_run', '2w', '{"flow_runs": {"tags": {"is_null_": "t"}, "start_time": {"is_null_": "off"}, "end_time": {"is_null_": 1}}}',
 $$flow_run.tags = '[]'::jsonb AND flow_run.start_time IS NOT NULL AND flow_run.end_time IS NULL$$),
('fr_fr_tags_is_null_false', 'flow_run', '2w', '{"flow_runs": {"tags": {"is_null_": false}}}',
 $$flow_run.tags <> '[]'::jsonb$$),
('fr_fr_tags_all_and_any', 'flow_run', '2w', '{"flow_runs": {"tags": {"all_": ["auto-scheduled"], "any_": ["db", "marketing"]}}}',
 $$flow_run.tags ?& ARRAY['auto-scheduled'] AND flow_run.tags ?| ARRAY['db', 'marketing']$$),
('fr_fr_tags_operator_or', 'flow_run', '2w', '{"flow_runs": {"tags": {"operator": "or_", "all_": ["etl", "prod"], "any_": ["green"]}}}',
 $$(flow_run.tags ?& ARRAY['etl', 'prod'] OR flow_run.tags ?| ARRAY['green'])$$),
('fr_fr_tags_operator_or_is_null', 'flow_run', '2w', '{"flow_runs": {"tags": {"operator": "or_", "is_null_": true, "any_": ["ml"]}}}',
 $$(flow_run.tags ?| ARRAY['ml'] OR flow_run.tags = '[]'::jsonb)$$),
('fr_fr_tags_operator_or_any_empty', 'flow_run', '2w', '{"flow_runs": {"tags": {"operator": "or_", "any_": [], "all_": ["green"]}}}',
 $$(flow_run.tags ?& ARRAY['green'] OR FALSE)$$),
('fr_fr_deployment_id_any', 'flow_run', 'all',
 '{"flow_runs": {"deployment_id": {"any_": ["a19836d4-161e-4d2c-a85f-89c408c4f741", "73e4782a-4c62-4443-b9d7-1af7d364ebe6"]}}}',
 $$flow_run.deployment_id IN ('a19836d4-161e-4d2c-a85f-89c408c4f741', '73e4782a-4c62-4443-b9d7-1af7d364ebe6')$$),
('fr_fr_deployment_id_dangling', 'flow_run', 'all',
 '{"flow_runs": {"deployment_id": {"any_": ["0845bbae-5c11-4c7f-a047-4db564ec273a"]}}}',
 $$flow_run.deployment_id IN ('0845bbae-5c11-4c7f-a047-4db564ec273a')$$),
('fr_fr_deployment_id_is_null_true', 'flow_run', '2w', '{"flow_runs": {"deployment_id": {"is_null_": true}}}',
 $$flow_run.deployment_id IS NULL$$),
('fr_fr_deployment_id_is_null_false', 'flow_run', '2w', '{"flow_runs": {"deployment_id": {"is_null_": false}}}',
 $$flow_run.deployment_id IS NOT NULL$$),
('fr_fr_deployment_id_operator_or', 'flow_run', 'all',
 '{"flow_runs": {"deployment_id": {"operator": "or_", "any_": ["0845bbae-5c11-4c7f-a047-4db564ec273a"], "is_null_": true}}}',
 $$(flow_run.deployment_id IN ('0845bbae-5c11-4c7f-a047-4db564ec273a') OR flow_run.deployment_id IS NULL)$$),
('fr_fr_deployment_id_and_contradiction', 'flow_run', 'all',
 '{"flow_runs": {"deployment_id": {"any_": ["a19836d4-161e-4d2c-a85f-89c408c4f741"], "is_null_": true}}}',
 $$flow_run.deployment_id IN ('a19836d4-161e-4d2c-a85f-89c408c4f741') AND flow_run.deployment_id IS NULL$$),
('fr_fr_work_queue_name_any', 'flow_run', '2w', '{"flow_runs": {"work_queue_name": {"any_": ["default", "low-11"]}}}',
 $$flow_run.work_queue_name IN ('default', 'low-11')$$),
('fr_fr_work_queue_name_is_null_true', 'flow_run', '2w', '{"flow_runs": {"work_queue_name": {"is_null_": true}}}',
 $$flow_run.work_queue_name IS NULL$$),
('fr_fr_work_queue_name_is_null_false', 'flow_run', '2w', '{"flow_runs": {"work_queue_name": {"is_null_": false}}}',
 $$flow_run.work_queue_name IS NOT NULL$$),
('fr_fr_work_queue_name_operator_or', 'flow_run', '2w',
 '{"flow_runs": {"work_queue_name": {"operator": "or_", "any_": ["Beta_q-12"], "is_null_": true}}}',
 $$(flow_run.work_queue_name IN ('Beta_q-12') OR flow_run.work_queue_name IS NULL)$$),
('fr_fr_state_type_any', 'flow_run', '2w', '{"flow_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED"]}}}}',
 $$flow_run.state_type IN ('COMPLETED', 'FAILED')$$),
('fr_fr_state_type_any_nonfinal', 'flow_run', 'all', '{"flow_runs": {"state": {"type": {"any_": ["PAUSED", "CANCELLING", "PENDING", "RUNNING"]}}}}',
 $$flow_run.state_type IN ('PAUSED', 'CANCELLING', 'PENDING', 'RUNNING')$$),
('fr_fr_state_type_not_any', 'flow_run', '2w', '{"flow_runs": {"state": {"type": {"not_any_": ["COMPLETED"]}}}}',
 $$flow_run.state_type NOT IN ('COMPLETED')$$),
('fr_fr_state_type_any_and_not_any_dropped', 'flow_run', '2w',
 '{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": ["FAILED"]}}}}', 'TRUE'),
('fr_fr_state_type_same_any_not_any_dropped', 'flow_run', '2w',
 '{"flow_runs": {"state": {"type": {"any_": ["FAILED"], "not_any_": ["FAILED"]}}}}', 'TRUE'),
('fr_fr_state_type_any_empty', 'flow_run', '2w', '{"flow_runs": {"state": {"type": {"any_": []}}}}', 'FALSE'),
('fr_fr_state_type_any_empty_not_any_dropped', 'flow_run', '2w',
 '{"flow_runs": {"state": {"type": {"any_": [], "not_any_": ["COMPLETED"]}}}}', 'TRUE'),
('fr_fr_state_type_any_with_not_any_empty', 'flow_run', 'all',
 '{"flow_runs": {"state": {"type": {"any_": ["RUNNING"], "not_any_": []}}}}',
 $$flow_run.state_type IN ('RUNNING')$$),
('fr_fr_state_type_empty_object', 'flow_run', '2w', '{"flow_runs": {"state": {"type": {}}}}', 'TRUE'),
('fr_fr_state_name_any', 'flow_run', 'all', '{"flow_runs": {"state": {"name": {"any_": ["Late", "Cached", "AwaitingRetry"]}}}}',
 $$flow_run.state_name IN ('Late', 'Cached', 'AwaitingRetry')$$),
('fr_fr_state_name_any_case_sensitive', 'flow_run', '2w', '{"flow_runs": {"state": {"name": {"any_": ["completed", "Failed"]}}}}',
 $$flow_run.state_name IN ('completed', 'Failed')$$),
('fr_fr_state_name_not_any', 'flow_run', '2w', '{"flow_runs": {"state": {"name": {"not_any_": ["Completed", "Failed"]}}}}',
 $$flow_run.state_name NOT IN ('Completed', 'Failed')$$),
('fr_fr_state_name_any_and_not_any_dropped', 'flow_run', '2w',
 '{"flow_runs": {"state": {"name": {"any_": ["Late"], "not_any_": ["Scheduled"]}}}}', 'TRUE'),
('fr_fr_state_type_and_name', 'flow_run', 'all',
 '{"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}, "name": {"any_": ["Late", "AwaitingRetry"]}}}}',
 $$flow_run.state_type IN ('SCHEDULED') AND flow_run.state_name IN ('Late', 'AwaitingRetry')$$),
('fr_fr_state_operator_or', 'flow_run', '2w',
 '{"flow_runs": {"state": {"operator": "or_", "type": {"any_": ["FAILED", "CRASHED"]}, "name": {"any_": ["Cached"]}}}}',
 $$(flow_run.state_type IN ('FAILED', 'CRASHED') OR flow_run.state_name IN ('Cached'))$$),
('fr_fr_state_or_one_child_dropped', 'flow_run', 'all',
 '{"flow_runs": {"state": {"operator": "or_", "type": {"any_": ["FAILED"], "not_any_": ["FAILED"]}, "name": {"any_": ["Late"]}}}}',
 $$flow_run.state_name IN ('Late')$$),
('fr_fr_state_or_both_children_dropped', 'flow_run', '2w',
 '{"flow_runs": {"state": {"operator": "or_", "type": {"any_": ["FAILED"], "not_any_": ["COMPLETED"]}, "name": {"any_": ["Late"], "not_any_": ["Failed"]}}}}',
 'TRUE'),
('fr_fr_state_and_one_child_dropped', 'flow_run', '2w',
 '{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": ["FAILED"]}, "name": {"not_any_": ["Completed"]}}}}',
 $$flow_run.state_name NOT IN ('Completed')$$),
('fr_fr_state_empty', 'flow_run', '2w', '{"flow_runs": {"state": {}}}', 'TRUE'),
('fr_fr_operator_or_state_dropped_is_true', 'flow_run', '2w',
 '{"flow_runs": {"operator": "or_", "state": {"type": {"any_": ["COMPLETED"], "not_any_": ["FAILED"]}}, "name": {"any_": ["olive-finch"]}}}',
 'TRUE'),
('fr_fr_operator_or_state_type_empty_is_true', 'flow_run', '2w',
 '{"flow_runs": {"operator": "or_", "state": {"type": {}}, "tags": {"all_": ["ml"]}}}', 'TRUE'),
('fr_fr_flow_version_any', 'flow_run', '2w', '{"flow_runs": {"flow_version": {"any_": ["1.15", "1.16"]}}}',
 $$flow_run.flow_version IN ('1.15', '1.16')$$),
('fr_fr_flow_version_any_empty', 'flow_run', '2w', '{"flow_runs": {"flow_version": {"any_": []}}}', 'FALSE'),
('fr_fr_start_time_before', 'flow_run', 'day', '{"flow_runs": {"start_time": {"before_": "2024-02-10T12:00:00Z"}}}',
 $$coalesce(flow_run.start_time, flow_run.expected_start_time) <= '2024-02-10T12:00:00Z'$$),
('fr_fr_start_time_after_coalesce', 'flow_run', 'last', '{"flow_runs": {"start_time": {"after_": "2024-02-29T12:00:00Z"}}}',
 $$coalesce(flow_run.start_time, flow_run.expected_start_time) >= '2024-02-29T12:00:00Z'$$),
('fr_fr_start_time_after_future', 'flow_run', 'future', '{"flow_runs": {"start_time": {"after_": "2024-03-02T00:00:00Z"}}}',
 $$coalesce(flow_run.start_time, flow_run.expected_start_time) >= '2024-03-02T00:00:00Z'$$),
('fr_fr_start_time_range', 'flow_run', 'day',
 '{"flow_runs": {"start_time": {"after_": "2024-02-10T06:00:00Z", "before_": "2024-02-10T18:00:00Z"}}}',
 $$coalesce(flow_run.start_time, flow_run.expected_start_time) <= '2024-02-10T18:00:00Z'
   AND coalesce(flow_run.start_time, flow_run.expected_start_time) >= '2024-02-10T06:00:00Z'$$),
('fr_fr_start_time_before_inclusive', 'flow_run', 'day', '{"flow_runs": {"start_time": {"before_": "2024-02-10T12:01:38.163688Z"}}}',
 $$coalesce(flow_run.start_time, flow_run.expected_start_time) <= '2024-02-10T12:01:38.163688Z'$$),
('fr_fr_start_time_is_null_true', 'flow_run', 'all', '{"flow_runs": {"start_time": {"is_null_": true}}}',
 $$flow_run.start_time IS NULL$$),
('fr_fr_start_time_is_null_false', 'flow_run', 'last', '{"flow_runs": {"start_time": {"is_null_": false}}}',
 $$flow_run.start_time IS NOT NULL$$),
('fr_fr_start_time_is_null_and_after', 'flow_run', 'all',
 '{"flow_runs": {"start_time": {"is_null_": true, "after_": "2024-02-20T00:00:00Z"}}}',
 $$coalesce(flow_run.start_time, flow_run.expected_start_time) >= '2024-02-20T00:00:00Z' AND flow_run.start_time IS NULL$$),
('fr_fr_end_time_before', 'flow_run', 'day', '{"flow_runs": {"end_time": {"before_": "2024-02-10T12:00:00Z"}}}',
 $$flow_run.end_time <= '2024-02-10T12:00:00Z'$$),
('fr_fr_end_time_after', 'flow_run', 'day', '{"flow_runs": {"end_time": {"after_": "2024-02-10T12:01:45.569759Z"}}}',
 $$flow_run.end_time >= '2024-02-10T12:01:45.569759Z'$$),
('fr_fr_end_time_is_null_true', 'flow_run', '2w', '{"flow_runs": {"end_time": {"is_null_": true}}}',
 $$flow_run.end_time IS NULL$$),
('fr_fr_end_time_is_null_false', 'flow_run', '2w', '{"flow_runs": {"end_time": {"is_null_": false}}}',
 $$flow_run.end_time IS NOT NULL$$),
('fr_fr_expected_start_time_after_before_inclusive', 'flow_run', 'future',
 '{"flow_runs": {"expected_start_time": {"after_": "2024-03-01T00:13:00Z", "before_": "2024-03-01T00:24:18.924164Z"}}}',
 $$flow_run.expected_start_time <= '2024-03-01T00:24:18.924164Z' AND flow_run.expected_start_time >= '2024-03-01T00:13:00Z'$$),
('fr_fr_expected_start_time_before', 'flow_run', 'day', '{"flow_runs": {"expected_start_time": {"before_": "2024-02-10T12:00:00Z"}}}',
 $$flow_run.expected_start_time <= '2024-02-10T12:00:00Z'$$),
('fr_fr_expected_start_time_after', 'flow_run', 'day', '{"flow_runs": {"expected_start_time": {"after_": "2024-02-10T20:00:00Z"}}}',
 $$flow_run.expected_start_time >= '2024-02-10T20:00:00Z'$$),
('fr_fr_next_scheduled_start_time_after', 'flow_run', 'all', '{"flow_runs": {"next_scheduled_start_time": {"after_": "2024-02-20T00:00:00Z"}}}',
 $$flow_run.next_scheduled_start_time >= '2024-02-20T00:00:00Z'$$),
('fr_fr_next_scheduled_start_time_before', 'flow_run', 'all', '{"flow_runs": {"next_scheduled_start_time": {"before_": "2024-02-10T16:26:00Z"}}}',
 $$flow_run.next_scheduled_start_time <= '2024-02-10T16:26:00Z'$$),
('fr_fr_parent_flow_run_id_any', 'flow_run', 'all',
 '{"flow_runs": {"parent_flow_run_id": {"any_": ["b9163357-a285-4863-977e-b85d0d6f3972", "f0df60f4-3ffe-44a4-8539-95b824a922c6"]}}}',
 $$flow_run.id IN (SELECT flow_run_1.id FROM flow_run AS flow_run_1
                   JOIN task_run AS task_run_1 ON task_run_1.id = flow_run_1.parent_task_run_id
                   WHERE task_run_1.flow_run_id IN ('b9163357-a285-4863-977e-b85d0d6f3972', 'f0df60f4-3ffe-44a4-8539-95b824a922c6'))$$),
('fr_fr_parent_flow_run_id_operator_or', 'flow_run', 'all',
 '{"flow_runs": {"parent_flow_run_id": {"operator": "or_", "any_": ["b9163357-a285-4863-977e-b85d0d6f3972"]}}}',
 $$flow_run.id IN (SELECT flow_run_1.id FROM flow_run AS flow_run_1
                   JOIN task_run AS task_run_1 ON task_run_1.id = flow_run_1.parent_task_run_id
                   WHERE task_run_1.flow_run_id IN ('b9163357-a285-4863-977e-b85d0d6f3972'))$$),
('fr_fr_parent_flow_run_id_any_empty', 'flow_run', '2w', '{"flow_runs": {"parent_flow_run_id": {"any_": []}}}', 'FALSE'),
('fr_fr_parent_task_run_id_any', 'flow_run', 'all',
 '{"flow_runs": {"parent_task_run_id": {"any_": ["7cd331f3-8cf6-4377-88ed-5a87f9a44c95", "a2520bd6-159a-4db9-8b3d-07bde01d2fb8"]}}}',
 $$flow_run.parent_task_run_id IN ('7cd331f3-8cf6-4377-88ed-5a87f9a44c95', 'a2520bd6-159a-4db9-8b3d-07bde01d2fb8')$$),
('fr_fr_parent_task_run_id_is_null_true', 'flow_run', '2w', '{"flow_runs": {"parent_task_run_id": {"is_null_": true}}}',
 $$flow_run.parent_task_run_id IS NULL$$),
('fr_fr_parent_task_run_id_is_null_false', 'flow_run', '2w', '{"flow_runs": {"parent_task_run_id": {"is_null_": false}}}',
 $$flow_run.parent_task_run_id IS NOT NULL$$),
('fr_fr_parent_task_run_id_operator_or', 'flow_run', 'all',
 '{"flow_runs": {"parent_task_run_id": {"operator": "or_", "any_": ["7cd331f3-8cf6-4377-88ed-5a87f9a44c95"], "is_null_": true}}}',
 $$(flow_run.parent_task_run_id IN ('7cd331f3-8cf6-4377-88ed-5a87f9a44c95') OR flow_run.parent_task_run_id IS NULL)$$),
('fr_fr_idempotency_key_any', 'flow_run', 'day',
 '{"flow_runs": {"idempotency_key": {"any_": ["scheduled 510802bf-0f19-4047-bc49-f2c30bb137e7 712917e4-c0bb-49bb-a688-7473ce24e950 2024-02-10 00:04:00+00:00"]}}}',
 $$flow_run.idempotency_key IN ('scheduled 510802bf-0f19-4047-bc49-f2c30bb137e7 712917e4-c0bb-49bb-a688-7473ce24e950 2024-02-10 00:04:00+00:00')$$),
('fr_fr_idempotency_key_not_any_drops_nulls', 'flow_run', 'day',
 '{"flow_runs": {"idempotency_key": {"not_any_": ["scheduled 510802bf-0f19-4047-bc49-f2c30bb137e7 712917e4-c0bb-49bb-a688-7473ce24e950 2024-02-10 00:04:00+00:00"]}}}',
 $$flow_run.idempotency_key NOT IN ('scheduled 510802bf-0f19-4047-bc49-f2c30bb137e7 712917e4-c0bb-49bb-a688-7473ce24e950 2024-02-10 00:04:00+00:00')$$),
('fr_fr_idempotency_key_not_any_empty', 'flow_run', 'day', '{"flow_runs": {"idempotency_key": {"not_any_": []}}}', 'TRUE'),
('fr_fr_created_by_id', 'flow_run', 'all', '{"flow_runs": {"created_by": {"id_": ["22360acc-f1a9-4db2-a6cc-a85ae16c3f3c"]}}}',
 $$(flow_run.created_by ->> 'id') IN ('22360acc-f1a9-4db2-a6cc-a85ae16c3f3c')$$),
('fr_fr_created_by_id_other_spellings', 'flow_run', 'all',
 '{"flow_runs": {"created_by": {"id_": ["22360ACC-F1A9-4DB2-A6CC-A85AE16C3F3C", "8bf4b5be4c774a59aaf2b8eb9515224e"]}}}',
 $$(flow_run.created_by ->> 'id') IN ('22360acc-f1a9-4db2-a6cc-a85ae16c3f3c', '8bf4b5be-4c77-4a59-aaf2-b8eb9515224e')$$),
('fr_fr_created_by_type', 'flow_run', '2w', '{"flow_runs": {"created_by": {"type_": ["AUTOMATION", "USER"]}}}',
 $$(flow_run.created_by ->> 'type') IN ('AUTOMATION', 'USER')$$),
('fr_fr_created_by_type_case_sensitive', 'flow_run', '2w', '{"flow_runs": {"created_by": {"type_": ["automation"]}}}',
 $$(flow_run.created_by ->> 'type') IN ('automation')$$),
('fr_fr_created_by_type_empty', 'flow_run', '2w', '{"flow_runs": {"created_by": {"type_": []}}}', 'FALSE'),
('fr_fr_created_by_is_null_true', 'flow_run', '2w', '{"flow_runs": {"created_by": {"is_null_": true}}}',
 $$flow_run.created_by IS NULL$$),
('fr_fr_created_by_is_null_false', 'flow_run', '2w', '{"flow_runs": {"created_by": {"is_null_": false}}}',
 $$flow_run.created_by IS NOT NULL$$),
('fr_fr_created_by_operator_or', 'flow_run', '2w',
 '{"flow_runs": {"created_by": {"operator": "or_", "id_": ["8bf4b5be-4c77-4a59-aaf2-b8eb9515224e"], "type_": ["AUTOMATION"]}}}',
 $$((flow_run.created_by ->> 'id') IN ('8bf4b5be-4c77-4a59-aaf2-b8eb9515224e') OR (flow_run.created_by ->> 'type') IN ('AUTOMATION'))$$),
('fr_fr_created_by_and', 'flow_run', 'all',
 '{"flow_runs": {"created_by": {"id_": ["8bf4b5be-4c77-4a59-aaf2-b8eb9515224e"], "type_": ["USER"], "is_null_": false}}}',
 $$(flow_run.created_by ->> 'id') IN ('8bf4b5be-4c77-4a59-aaf2-b8eb9515224e') AND (flow_run.created_by ->> 'type') IN ('USER')
   AND flow_run.created_by IS NOT NULL$$),
('fr_fr_operator_or_fields', 'flow_run', '2w',
 '{"flow_runs": {"operator": "or_", "name": {"like_": "finch"}, "tags": {"all_": ["marketing"]}, "state": {"type": {"any_": ["CRASHED"]}}}}',
 $$(flow_run.name ILIKE '%finch%' OR flow_run.tags ?& ARRAY['marketing'] OR flow_run.state_type IN ('CRASHED'))$$),
('fr_fr_operator_or_true_quirk', 'flow_run', '2w',
 '{"flow_runs": {"operator": "or_", "tags": {"all_": []}, "name": {"any_": ["run-late"]}}}', 'TRUE'),
('fr_fr_operator_or_empty_any', 'flow_run', '2w',
 '{"flow_runs": {"operator": "or_", "id": {"any_": []}, "flow_version": {"any_": ["1.17"]}}}',
 $$(FALSE OR flow_run.flow_version IN ('1.17'))$$),
('fr_fr_operator_and_many', 'flow_run', 'all',
 '{"flow_runs": {"operator": "and_", "tags": {"any_": ["prod"]}, "state": {"type": {"any_": ["COMPLETED"]}}, "deployment_id": {"is_null_": false}, "start_time": {"after_": "2024-02-05T00:00:00Z"}}}',
 $$flow_run.tags ?| ARRAY['prod'] AND flow_run.deployment_id IS NOT NULL AND flow_run.state_type IN ('COMPLETED')
   AND coalesce(flow_run.start_time, flow_run.expected_start_time) >= '2024-02-05T00:00:00Z'$$),
('fr_fr_nested_operators', 'flow_run', '2w',
 '{"flow_runs": {"operator": "or_", "tags": {"operator": "and_", "all_": ["prod"], "is_null_": false}, "state": {"operator": "or_", "type": {"any_": ["CRASHED"]}, "name": {"any_": ["Cached"]}}}}',
 $$((flow_run.tags ?& ARRAY['prod'] AND flow_run.tags <> '[]'::jsonb)
    OR (flow_run.state_type IN ('CRASHED') OR flow_run.state_name IN ('Cached')))$$),
('fr_fr_dates_with_offset_and_naive', 'flow_run', 'day',
 '{"flow_runs": {"start_time": {"after_": "2024-02-10T12:00:00+02:00", "before_": "2024-02-10 18:00"}}}',
 $$coalesce(flow_run.start_time, flow_run.expected_start_time) <= '2024-02-10T18:00:00Z'
   AND coalesce(flow_run.start_time, flow_run.expected_start_time) >= '2024-02-10T10:00:00Z'$$),
('fr_fr_dates_unix_and_date_only', 'flow_run', '2w',
 '{"flow_runs": {"expected_start_time": {"after_": 1707566400, "before_": "2024-02-13"}}}',
 $$flow_run.expected_start_time <= '2024-02-13T00:00:00Z' AND flow_run.expected_start_time >= '2024-02-10T12:00:00Z'$$),
('fr_fr_dates_unix_millis_string', 'flow_run', '2w',
 '{"flow_runs": {"end_time": {"before_": "1707566400000"}}}',
 $$flow_run.end_time <= '2024-02-10T12:00:00Z'$$);

-- ===========================================================================
-- D. task_runs (TaskRunFilter; doc/filters.md, task_runs) in flow-run history
--    EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND <filter>)
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_tr_empty', 'flow_run', '2w', '{"task_runs": {}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id)$$),
('fr_tr_id_any', 'flow_run', 'all',
 '{"task_runs": {"id": {"any_": ["51b73d03-8506-4acd-bbfb-cec2df49ffbc", "aa0f392d-21da-4dcf-ad50-f6bbc11770fa", "735c5239-0075-4e9b-8dcf-7414d41d93b9"]}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND task_run.id IN ('51b73d03-8506-4acd-bbfb-cec2df49ffbc', 'aa0f392d-21da-4dcf-ad50-f6bbc11770fa', '735c5239-0075-4e9b-8dcf-7414d41d93b9'))$$),
('fr_tr_name_any', 'flow_run', '2w', '{"task_runs": {"name": {"any_": ["query_db-0", "train_model-1"]}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.name IN ('query_db-0', 'train_model-1'))$$),
('fr_tr_name_like', 'flow_run', '2w', '{"task_runs": {"name": {"like_": "TRAIN"}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.name ILIKE '%TRAIN%')$$),
('fr_tr_tags_all', 'flow_run', '2w', '{"task_runs": {"tags": {"all_": ["io"]}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.tags ?& ARRAY['io'])$$),
('fr_tr_tags_is_null_true', 'flow_run', '2w', '{"task_runs": {"tags": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.tags = '[]'::jsonb)$$),
('fr_tr_tags_operator_or', 'flow_run', '2w', '{"task_runs": {"tags": {"operator": "or_", "all_": ["slow"], "is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND (task_run.tags ?& ARRAY['slow'] OR task_run.tags = '[]'::jsonb))$$),
('fr_tr_state_type', 'flow_run', '2w', '{"task_runs": {"state": {"type": {"any_": ["FAILED"]}}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.state_type IN ('FAILED'))$$),
('fr_tr_state_name', 'flow_run', '2w', '{"task_runs": {"state": {"name": {"any_": ["Cached"]}}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.state_name IN ('Cached'))$$),
('fr_tr_state_operator_or', 'flow_run', 'all',
 '{"task_runs": {"state": {"operator": "or_", "type": {"any_": ["CRASHED"]}, "name": {"any_": ["Retrying"]}}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND (task_run.state_type IN ('CRASHED') OR task_run.state_name IN ('Retrying')))$$),
('fr_tr_start_time_is_null_true', 'flow_run', '2w', '{"task_runs": {"start_time": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.start_time IS NULL)$$),
('fr_tr_start_time_range', 'flow_run', 'day',
 '{"task_runs": {"start_time": {"after_": "2024-02-10T06:00:00Z", "before_": "2024-02-10T09:00:00Z"}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND task_run.start_time <= '2024-02-10T09:00:00Z' AND task_run.start_time >= '2024-02-10T06:00:00Z')$$),
('fr_tr_end_time_is_null_false_after', 'flow_run', 'day',
 '{"task_runs": {"end_time": {"is_null_": false, "after_": "2024-02-10T12:00:00Z"}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND task_run.end_time >= '2024-02-10T12:00:00Z' AND task_run.end_time IS NOT NULL)$$),
('fr_tr_end_time_before', 'flow_run', 'day', '{"task_runs": {"end_time": {"before_": "2024-02-10T08:00:00Z"}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.end_time <= '2024-02-10T08:00:00Z')$$),
('fr_tr_expected_start_time', 'flow_run', 'day',
 '{"task_runs": {"expected_start_time": {"after_": "2024-02-10T10:00:00Z", "before_": "2024-02-10T14:00:00Z"}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND task_run.expected_start_time <= '2024-02-10T14:00:00Z' AND task_run.expected_start_time >= '2024-02-10T10:00:00Z')$$),
('fr_tr_subflow_runs_exists_true', 'flow_run', '2w', '{"task_runs": {"subflow_runs": {"exists_": true}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id))$$),
('fr_tr_subflow_runs_exists_false', 'flow_run', '2w', '{"task_runs": {"subflow_runs": {"exists_": false}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND NOT EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id))$$),
('fr_tr_subflow_runs_exists_null', 'flow_run', '2w', '{"task_runs": {"subflow_runs": {"exists_": null}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id)$$),
('fr_tr_flow_run_id_is_null_true', 'flow_run', '2w', '{"task_runs": {"flow_run_id": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.flow_run_id IS NULL)$$),
('fr_tr_flow_run_id_empty', 'flow_run', '2w', '{"task_runs": {"flow_run_id": {}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.flow_run_id IS NOT NULL)$$),
('fr_tr_flow_run_id_any', 'flow_run', 'day',
 '{"task_runs": {"flow_run_id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "200cabb2-e8ba-443a-b364-559888eb2533"]}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND task_run.flow_run_id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '200cabb2-e8ba-443a-b364-559888eb2533'))$$),
('fr_tr_operator_or', 'flow_run', '2w',
 '{"task_runs": {"operator": "or_", "name": {"like_": "train"}, "state": {"type": {"any_": ["CRASHED"]}}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND (task_run.name ILIKE '%train%' OR task_run.state_type IN ('CRASHED')))$$),
('fr_tr_operator_or_true_quirk', 'flow_run', '2w',
 '{"task_runs": {"operator": "or_", "name": {}, "state": {"type": {"any_": ["FAILED"]}}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id)$$);

-- ===========================================================================
-- E. deployments (DeploymentFilter; doc/filters.md, deployments) in flow-run history
--    EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND <filter>)
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_dep_empty', 'flow_run', '2w', '{"deployments": {}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)$$),
('fr_dep_id_any', 'flow_run', 'all',
 '{"deployments": {"id": {"any_": ["a19836d4-161e-4d2c-a85f-89c408c4f741", "0845bbae-5c11-4c7f-a047-4db564ec273a"]}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND deployment.id IN ('a19836d4-161e-4d2c-a85f-89c408c4f741', '0845bbae-5c11-4c7f-a047-4db564ec273a'))$$),
('fr_dep_id_not_any', 'flow_run', '2w', '{"deployments": {"id": {"not_any_": ["a19836d4-161e-4d2c-a85f-89c408c4f741"]}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND deployment.id NOT IN ('a19836d4-161e-4d2c-a85f-89c408c4f741'))$$),
('fr_dep_name_any', 'flow_run', 'all', '{"deployments": {"name": {"any_": ["staging-1", "daily_report-2"]}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND deployment.name IN ('staging-1', 'daily_report-2'))$$),
('fr_dep_name_like', 'flow_run', '2w', '{"deployments": {"name": {"like_": "on-demand"}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.name ILIKE '%on-demand%')$$),
('fr_dep_name_like_underscore', 'flow_run', '2w', '{"deployments": {"name": {"like_": "ly_r"}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.name ILIKE '%ly_r%')$$),
('fr_dep_flow_or_deployment_name', 'flow_run', '2w', '{"deployments": {"flow_or_deployment_name": {"like_": "sync"}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND (deployment.name ILIKE '%sync%'
                OR EXISTS (SELECT 1 FROM flow AS flow_1 WHERE flow_1.id = deployment.flow_id AND flow_1.name ILIKE '%sync%')))$$),
('fr_dep_flow_or_deployment_name_flow_only', 'flow_run', '2w', '{"deployments": {"flow_or_deployment_name": {"like_": "report-flow"}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND (deployment.name ILIKE '%report-flow%'
                OR EXISTS (SELECT 1 FROM flow AS flow_1 WHERE flow_1.id = deployment.flow_id AND flow_1.name ILIKE '%report-flow%')))$$),
('fr_dep_flow_or_deployment_name_empty', 'flow_run', '2w', '{"deployments": {"flow_or_deployment_name": {"like_": ""}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)$$),
('fr_dep_paused_true', 'flow_run', 'all', '{"deployments": {"paused": {"eq_": true}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.paused IS TRUE)$$),
('fr_dep_paused_false', 'flow_run', '2w', '{"deployments": {"paused": {"eq_": false}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.paused IS FALSE)$$),
('fr_dep_paused_lax_yes', 'flow_run', 'all', '{"deployments": {"paused": {"eq_": "yes"}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.paused IS TRUE)$$),
('fr_dep_paused_lax_zero', 'flow_run', '2w', '{"deployments": {"paused": {"eq_": 0}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.paused IS FALSE)$$),
('fr_dep_tags_all', 'flow_run', '2w', '{"deployments": {"tags": {"all_": ["etl", "prod"]}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.tags ?& ARRAY['etl', 'prod'])$$),
('fr_dep_tags_any', 'flow_run', '2w', '{"deployments": {"tags": {"any_": ["green", "ml"]}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.tags ?| ARRAY['green', 'ml'])$$),
('fr_dep_tags_any_empty', 'flow_run', '2w', '{"deployments": {"tags": {"any_": []}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND FALSE)$$),
('fr_dep_tags_is_null_true', 'flow_run', '2w', '{"deployments": {"tags": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.tags = '[]'::jsonb)$$),
('fr_dep_tags_operator_or', 'flow_run', '2w', '{"deployments": {"tags": {"operator": "or_", "all_": ["finance"], "any_": ["marketing"], "is_null_": false}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND (deployment.tags ?& ARRAY['finance'] OR deployment.tags ?| ARRAY['marketing'] OR deployment.tags <> '[]'::jsonb))$$),
('fr_dep_work_queue_name_any', 'flow_run', '2w', '{"deployments": {"work_queue_name": {"any_": ["default", "GPU_Queue-7"]}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND deployment.work_queue_name IN ('default', 'GPU_Queue-7'))$$),
('fr_dep_concurrency_limit_ignored', 'flow_run', '2w', '{"deployments": {"concurrency_limit": {"ge_": 5, "le_": 10, "is_null_": false}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)$$),
('fr_dep_concurrency_limit_ignored_under_or', 'flow_run', 'all',
 '{"deployments": {"operator": "or_", "concurrency_limit": {"ge_": 1}, "paused": {"eq_": true}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.paused IS TRUE)$$),
('fr_dep_concurrency_limit_alone_under_or', 'flow_run', '2w',
 '{"deployments": {"operator": "or_", "concurrency_limit": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)$$),
('fr_dep_operator_or', 'flow_run', '2w',
 '{"deployments": {"operator": "or_", "name": {"any_": ["staging-1"]}, "tags": {"all_": ["finance"]}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND (deployment.name IN ('staging-1') OR deployment.tags ?& ARRAY['finance']))$$),
('fr_dep_operator_or_true_quirk', 'flow_run', '2w',
 '{"deployments": {"operator": "or_", "tags": {}, "paused": {"eq_": true}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)$$),
('fr_dep_operator_and_all_fields', 'flow_run', 'all',
 '{"deployments": {"id": {"not_any_": ["73e4782a-4c62-4443-b9d7-1af7d364ebe6"]}, "name": {"like_": "-1"}, "flow_or_deployment_name": {"like_": "a"}, "paused": {"eq_": false}, "tags": {"is_null_": false}, "work_queue_name": {"any_": ["default", "low-11", "high-9"]}, "concurrency_limit": {"le_": 3}}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id
           AND deployment.id NOT IN ('73e4782a-4c62-4443-b9d7-1af7d364ebe6')
           AND deployment.name ILIKE '%-1%'
           AND (deployment.name ILIKE '%a%'
                OR EXISTS (SELECT 1 FROM flow AS flow_1 WHERE flow_1.id = deployment.flow_id AND flow_1.name ILIKE '%a%'))
           AND deployment.paused IS FALSE
           AND deployment.tags <> '[]'::jsonb
           AND deployment.work_queue_name IN ('default', 'low-11', 'high-9'))$$),
('fr_dep_dangling_excluded', 'flow_run', 'all',
 '{"flow_runs": {"deployment_id": {"any_": ["0845bbae-5c11-4c7f-a047-4db564ec273a", "a19836d4-161e-4d2c-a85f-89c408c4f741"]}}, "deployments": {}}',
 $$flow_run.deployment_id IN ('0845bbae-5c11-4c7f-a047-4db564ec273a', 'a19836d4-161e-4d2c-a85f-89c408c4f741')
   AND EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)$$);

-- ===========================================================================
-- F. work_pools (WorkPoolFilter; doc/filters.md, work_pools), flow-run history only
--    EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id
--            AND work_pool.id = work_queue.work_pool_id AND <filter>)
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_wp_empty', 'flow_run', '2w', '{"work_pools": {}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id)$$),
('fr_wp_id_any', 'flow_run', '2w', '{"work_pools": {"id": {"any_": ["c6230f3f-fc66-49a3-adfb-e6f14c118888"]}}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id
           AND work_pool.id IN ('c6230f3f-fc66-49a3-adfb-e6f14c118888'))$$),
('fr_wp_name_any', 'flow_run', '2w', '{"work_pools": {"name": {"any_": ["docker-pool-2", "local-process-3"]}}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id
           AND work_pool.name IN ('docker-pool-2', 'local-process-3'))$$),
('fr_wp_type_any', 'flow_run', '2w', '{"work_pools": {"type": {"any_": ["kubernetes"]}}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id
           AND work_pool.type IN ('kubernetes'))$$),
('fr_wp_type_any_empty', 'flow_run', '2w', '{"work_pools": {"type": {"any_": []}}}', 'FALSE'),
('fr_wp_operator_or', 'flow_run', '2w',
 '{"work_pools": {"operator": "or_", "name": {"any_": ["k8s-pool-1"]}, "type": {"any_": ["docker"]}}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id
           AND (work_pool.name IN ('k8s-pool-1') OR work_pool.type IN ('docker')))$$),
('fr_wp_operator_or_true_quirk', 'flow_run', '2w',
 '{"work_pools": {"operator": "or_", "name": {}, "type": {"any_": ["nonexistent"]}}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id)$$),
('fr_wp_operator_and', 'flow_run', '2w',
 '{"work_pools": {"operator": "and_", "id": {"any_": ["c6230f3f-fc66-49a3-adfb-e6f14c118888", "16cace7b-3afc-4b62-9661-1b63fa001f40"]}, "type": {"any_": ["docker"]}}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id
           AND work_pool.id IN ('c6230f3f-fc66-49a3-adfb-e6f14c118888', '16cace7b-3afc-4b62-9661-1b63fa001f40')
           AND work_pool.type IN ('docker'))$$);

-- ===========================================================================
-- G. work_queues (WorkQueueFilter; doc/filters.md, work_queues), flow-run history only
--    EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id AND <filter>)
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_wq_empty', 'flow_run', '2w', '{"work_queues": {}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id)$$),
('fr_wq_id_any', 'flow_run', '2w',
 '{"work_queues": {"id": {"any_": ["35368a06-6a36-464b-851a-34722e3f79d6", "527436fe-ae93-4bd3-915d-ef51ebe70382"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id
           AND work_queue.id IN ('35368a06-6a36-464b-851a-34722e3f79d6', '527436fe-ae93-4bd3-915d-ef51ebe70382'))$$),
('fr_wq_name_any', 'flow_run', '2w', '{"work_queues": {"name": {"any_": ["default"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_queue.name IN ('default'))$$),
('fr_wq_name_any_case_sensitive', 'flow_run', '2w', '{"work_queues": {"name": {"any_": ["DEFAULT"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_queue.name IN ('DEFAULT'))$$),
('fr_wq_startswith_case_insensitive', 'flow_run', '2w', '{"work_queues": {"name": {"startswith_": ["beta"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id AND (work_queue.name ILIKE 'beta%'))$$),
('fr_wq_startswith_underscore_wildcard', 'flow_run', '2w', '{"work_queues": {"name": {"startswith_": ["wq_"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id AND (work_queue.name ILIKE 'wq_%'))$$),
('fr_wq_startswith_several', 'flow_run', '2w', '{"work_queues": {"name": {"startswith_": ["GPU", "ml-"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id
           AND (work_queue.name ILIKE 'GPU%' OR work_queue.name ILIKE 'ml-%'))$$),
('fr_wq_startswith_empty_string', 'flow_run', '2w', '{"work_queues": {"name": {"startswith_": [""]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id AND (work_queue.name ILIKE '%'))$$),
('fr_wq_startswith_empty_list_alone', 'flow_run', '2w', '{"work_queues": {"name": {"startswith_": []}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id)$$),
('fr_wq_startswith_empty_or_id_empty', 'flow_run', '2w',
 '{"work_queues": {"operator": "or_", "name": {"startswith_": []}, "id": {"any_": []}}}', 'FALSE'),
('fr_wq_startswith_empty_or_id', 'flow_run', '2w',
 '{"work_queues": {"operator": "or_", "name": {"startswith_": []}, "id": {"any_": ["35368a06-6a36-464b-851a-34722e3f79d6"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id
           AND work_queue.id IN ('35368a06-6a36-464b-851a-34722e3f79d6'))$$),
('fr_wq_name_empty_or_id_empty_true_quirk', 'flow_run', '2w',
 '{"work_queues": {"operator": "or_", "name": {}, "id": {"any_": []}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id)$$),
('fr_wq_name_any_and_startswith', 'flow_run', '2w',
 '{"work_queues": {"name": {"any_": ["default", "high-9"], "startswith_": ["high"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id
           AND work_queue.name IN ('default', 'high-9') AND (work_queue.name ILIKE 'high%'))$$),
('fr_wq_name_any_and_startswith_empty', 'flow_run', '2w',
 '{"work_queues": {"name": {"any_": ["low-6"], "startswith_": []}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_queue.name IN ('low-6'))$$),
('fr_wq_operator_or', 'flow_run', '2w',
 '{"work_queues": {"operator": "or_", "id": {"any_": ["35368a06-6a36-464b-851a-34722e3f79d6"]}, "name": {"startswith_": ["low"]}}}',
 $$EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id
           AND (work_queue.id IN ('35368a06-6a36-464b-851a-34722e3f79d6') OR (work_queue.name ILIKE 'low%')))$$);

-- ===========================================================================
-- H. Combinations across objects, flow-run history (doc/filters.md, Flow-run history)
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('fr_combo_flows_and_task_runs', 'flow_run', '2w',
 '{"flows": {"tags": {"all_": ["ml"]}}, "task_runs": {"state": {"type": {"any_": ["FAILED"]}}}}',
 $$EXISTS (SELECT 1 FROM flow JOIN task_run ON task_run.flow_run_id = flow_run.id
           WHERE flow.id = flow_run.flow_id AND flow.tags ?& ARRAY['ml'] AND task_run.state_type IN ('FAILED'))$$),
('fr_combo_flows_empty_task_runs_empty', 'flow_run', '2w', '{"flows": {}, "task_runs": {}}',
 $$EXISTS (SELECT 1 FROM flow JOIN task_run ON task_run.flow_run_id = flow_run.id WHERE flow.id = flow_run.flow_id)$$),
('fr_combo_flow_id_task_runs_empty', 'flow_run', 'all',
 '{"flows": {"id": {"any_": ["5147392c-a288-49b7-813c-75f4d6889395"]}}, "task_runs": {}}',
 $$EXISTS (SELECT 1 FROM flow JOIN task_run ON task_run.flow_run_id = flow_run.id
           WHERE flow.id = flow_run.flow_id AND flow.id IN ('5147392c-a288-49b7-813c-75f4d6889395'))$$),
('fr_combo_flows_or_task_runs_or', 'flow_run', '2w',
 '{"flows": {"operator": "or_", "name": {"like_": "etl"}, "tags": {"is_null_": true}}, "task_runs": {"operator": "or_", "tags": {"all_": ["slow"]}, "state": {"name": {"any_": ["Cached"]}}}}',
 $$EXISTS (SELECT 1 FROM flow JOIN task_run ON task_run.flow_run_id = flow_run.id
           WHERE flow.id = flow_run.flow_id
             AND (flow.name ILIKE '%etl%' OR flow.tags = '[]'::jsonb)
             AND (task_run.tags ?& ARRAY['slow'] OR task_run.state_name IN ('Cached')))$$),
('fr_combo_deployments_and_work_queues_empty', 'flow_run', '2w', '{"deployments": {}, "work_queues": {}}',
 $$EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)
   AND EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id)$$),
('fr_combo_work_pools_and_work_queues', 'flow_run', '2w',
 '{"work_pools": {"name": {"any_": ["k8s-pool-1", "k8s-pool-4"]}}, "work_queues": {"name": {"startswith_": ["high", "low"]}}}',
 $$EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id
           AND work_pool.name IN ('k8s-pool-1', 'k8s-pool-4'))
   AND EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id
               AND (work_queue.name ILIKE 'high%' OR work_queue.name ILIKE 'low%'))$$),
('fr_combo_flow_runs_state_and_deployments_paused', 'flow_run', 'all',
 '{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}, "deployments": {"paused": {"eq_": false}}}',
 $$flow_run.state_type IN ('FAILED', 'CRASHED')
   AND EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.paused IS FALSE)$$),
('fr_combo_deployment_tags_and_flow_tags', 'flow_run', '2w',
 '{"deployments": {"tags": {"any_": ["etl"]}}, "flows": {"tags": {"all_": ["etl"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.tags ?& ARRAY['etl'])
   AND EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.tags ?| ARRAY['etl'])$$),
('fr_combo_task_subflows_and_top_level_runs', 'flow_run', '2w',
 '{"task_runs": {"subflow_runs": {"exists_": true}}, "flow_runs": {"parent_task_run_id": {"is_null_": true}}}',
 $$flow_run.parent_task_run_id IS NULL
   AND EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
               AND EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id))$$),
('fr_combo_all_six', 'flow_run', 'all',
 '{"flows": {"tags": {"is_null_": false}}, "flow_runs": {"state": {"type": {"not_any_": ["CANCELLED"]}}, "tags": {"all_": ["auto-scheduled"]}}, "task_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "deployments": {"paused": {"eq_": false}}, "work_pools": {"type": {"any_": ["kubernetes", "docker"]}}, "work_queues": {"name": {"startswith_": ["default", "high"]}}}',
 $$flow_run.state_type NOT IN ('CANCELLED') AND flow_run.tags ?& ARRAY['auto-scheduled']
   AND EXISTS (SELECT 1 FROM flow JOIN task_run ON task_run.flow_run_id = flow_run.id
               WHERE flow.id = flow_run.flow_id AND flow.tags <> '[]'::jsonb AND task_run.state_type IN ('COMPLETED'))
   AND EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id AND deployment.paused IS FALSE)
   AND EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id
               AND work_pool.type IN ('kubernetes', 'docker'))
   AND EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id
               AND (work_queue.name ILIKE 'default%' OR work_queue.name ILIKE 'high%'))$$),
('fr_combo_all_six_empty', 'flow_run', '2w',
 '{"flows": {}, "flow_runs": {}, "task_runs": {}, "deployments": {}, "work_pools": {}, "work_queues": {}}',
 $$EXISTS (SELECT 1 FROM flow JOIN task_run ON task_run.flow_run_id = flow_run.id WHERE flow.id = flow_run.flow_id)
   AND EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id)
   AND EXISTS (SELECT 1 FROM work_pool, work_queue WHERE work_queue.id = flow_run.work_queue_id AND work_pool.id = work_queue.work_pool_id)
   AND EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id)$$),
('fr_combo_running_late_last_day', 'flow_run', 'last',
 '{"flow_runs": {"state": {"type": {"any_": ["RUNNING", "PENDING", "SCHEDULED", "PAUSED"]}}}, "flows": {"deployment": {"is_null_": false}}}',
 $$flow_run.state_type IN ('RUNNING', 'PENDING', 'SCHEDULED', 'PAUSED')
   AND EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id
               AND flow.id IN (SELECT DISTINCT deployment.flow_id FROM deployment))$$),
('fr_combo_user_runs_with_tasks_in_queues', 'flow_run', '2w',
 '{"flow_runs": {"created_by": {"type_": ["USER"]}}, "task_runs": {"flow_run_id": {"is_null_": false}}, "work_queues": {}}',
 $$(flow_run.created_by ->> 'type') IN ('USER')
   AND EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id AND task_run.flow_run_id IS NOT NULL)
   AND EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id)$$);

-- ===========================================================================
-- I. Task-run history (doc/filters.md, Task-run history)
--    task_runs applied directly on task_run; flows/flow_runs/deployments via
--    EXISTS (SELECT 1 FROM flow_run [JOIN flow ...] [JOIN deployment ...]
--            WHERE flow_run.id = task_run.flow_run_id AND ...)
--    work_pools and work_queues are not parameters: ignored.
-- ===========================================================================
INSERT INTO oracle_case_input VALUES
('tr_task_runs_empty', 'task_run', 'all', '{"task_runs": {}}', 'TRUE'),
('tr_tr_flow_run_id_empty_default_false', 'task_run', 'all', '{"task_runs": {"flow_run_id": {}}}',
 $$task_run.flow_run_id IS NOT NULL$$),
('tr_tr_flow_run_id_is_null_true', 'task_run', 'all', '{"task_runs": {"flow_run_id": {"is_null_": true}}}',
 $$task_run.flow_run_id IS NULL$$),
('tr_tr_flow_run_id_is_null_true_wins', 'task_run', 'all',
 '{"task_runs": {"flow_run_id": {"is_null_": true, "any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"]}}}',
 $$task_run.flow_run_id IS NULL$$),
('tr_tr_flow_run_id_is_null_true_or', 'task_run', 'all',
 '{"task_runs": {"flow_run_id": {"operator": "or_", "is_null_": true, "any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"]}}}',
 $$task_run.flow_run_id IS NULL$$),
('tr_tr_flow_run_id_any', 'task_run', 'day',
 '{"task_runs": {"flow_run_id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74"]}}}',
 $$task_run.flow_run_id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74')$$),
('tr_tr_flow_run_id_false_any', 'task_run', 'day',
 '{"task_runs": {"flow_run_id": {"is_null_": false, "any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"]}}}',
 $$task_run.flow_run_id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e')$$),
('tr_tr_flow_run_id_null_is_null', 'task_run', 'all', '{"task_runs": {"flow_run_id": {"is_null_": null}}}', 'TRUE'),
('tr_tr_flow_run_id_null_is_null_any', 'task_run', 'day',
 '{"task_runs": {"flow_run_id": {"is_null_": null, "any_": ["1f0acdf1-35b3-4601-a602-8adee296ac74"]}}}',
 $$task_run.flow_run_id IN ('1f0acdf1-35b3-4601-a602-8adee296ac74')$$),
('tr_tr_id_any', 'task_run', 'all',
 '{"task_runs": {"id": {"any_": ["51b73d03-8506-4acd-bbfb-cec2df49ffbc", "aa0f392d-21da-4dcf-ad50-f6bbc11770fa", "a96c15fe-8653-4215-8d3f-877827b647c2", "735c5239-0075-4e9b-8dcf-7414d41d93b9"]}}}',
 $$task_run.id IN ('51b73d03-8506-4acd-bbfb-cec2df49ffbc', 'aa0f392d-21da-4dcf-ad50-f6bbc11770fa',
                   'a96c15fe-8653-4215-8d3f-877827b647c2', '735c5239-0075-4e9b-8dcf-7414d41d93b9')$$),
('tr_tr_id_any_empty', 'task_run', '2w', '{"task_runs": {"id": {"any_": []}}}', 'FALSE'),
('tr_tr_name_any', 'task_run', '2w', '{"task_runs": {"name": {"any_": ["query_db-0", "extract-0"]}}}',
 $$task_run.name IN ('query_db-0', 'extract-0')$$),
('tr_tr_name_like', 'task_run', '2w', '{"task_runs": {"name": {"like_": "Metrics"}}}',
 $$task_run.name ILIKE '%Metrics%'$$),
('tr_tr_name_like_wildcards', 'task_run', '2w', '{"task_runs": {"name": {"like_": "s_nc%-1"}}}',
 $$task_run.name ILIKE '%s_nc%-1%'$$),
('tr_tr_name_like_empty', 'task_run', 'day', '{"task_runs": {"name": {"like_": ""}}}', 'TRUE'),
('tr_tr_tags_all', 'task_run', '2w', '{"task_runs": {"tags": {"all_": ["auto-scheduled", "io"]}}}',
 $$task_run.tags ?& ARRAY['auto-scheduled', 'io']$$),
('tr_tr_tags_all_empty', 'task_run', '2w', '{"task_runs": {"tags": {"all_": []}}}', 'TRUE'),
('tr_tr_tags_is_null_true', 'task_run', '2w', '{"task_runs": {"tags": {"is_null_": true}}}',
 $$task_run.tags = '[]'::jsonb$$),
('tr_tr_tags_is_null_false', 'task_run', '2w', '{"task_runs": {"tags": {"is_null_": false}}}',
 $$task_run.tags <> '[]'::jsonb$$),
('tr_tr_tags_operator_or', 'task_run', '2w', '{"task_runs": {"tags": {"operator": "or_", "all_": ["background"], "is_null_": true}}}',
 $$(task_run.tags ?& ARRAY['background'] OR task_run.tags = '[]'::jsonb)$$),
('tr_tr_state_type_running', 'task_run', 'all', '{"task_runs": {"state": {"type": {"any_": ["RUNNING"]}}}}',
 $$task_run.state_type IN ('RUNNING')$$),
('tr_tr_state_type_nonfinal', 'task_run', 'last', '{"task_runs": {"state": {"type": {"any_": ["PENDING", "SCHEDULED", "RUNNING"]}}}}',
 $$task_run.state_type IN ('PENDING', 'SCHEDULED', 'RUNNING')$$),
('tr_tr_state_type_any_empty', 'task_run', '2w', '{"task_runs": {"state": {"type": {"any_": []}}}}', 'FALSE'),
('tr_tr_state_type_empty_object', 'task_run', '2w', '{"task_runs": {"state": {"type": {}}}}', 'TRUE'),
('tr_tr_state_name_any', 'task_run', '2w', '{"task_runs": {"state": {"name": {"any_": ["Retrying", "Cached"]}}}}',
 $$task_run.state_name IN ('Retrying', 'Cached')$$),
('tr_tr_state_type_and_name', 'task_run', 'all',
 '{"task_runs": {"state": {"type": {"any_": ["SCHEDULED", "RUNNING"]}, "name": {"any_": ["AwaitingRetry", "Retrying"]}}}}',
 $$task_run.state_type IN ('SCHEDULED', 'RUNNING') AND task_run.state_name IN ('AwaitingRetry', 'Retrying')$$),
('tr_tr_state_operator_or', 'task_run', '2w',
 '{"task_runs": {"state": {"operator": "or_", "type": {"any_": ["FAILED"]}, "name": {"any_": ["Cached"]}}}}',
 $$(task_run.state_type IN ('FAILED') OR task_run.state_name IN ('Cached'))$$),
('tr_tr_state_or_type_empty_dropped', 'task_run', '2w',
 '{"task_runs": {"state": {"operator": "or_", "type": {}, "name": {"any_": ["Cached"]}}}}',
 $$task_run.state_name IN ('Cached')$$),
('tr_tr_start_time_before', 'task_run', 'day', '{"task_runs": {"start_time": {"before_": "2024-02-10T12:00:00Z"}}}',
 $$task_run.start_time <= '2024-02-10T12:00:00Z'$$),
('tr_tr_start_time_after_no_coalesce', 'task_run', 'last', '{"task_runs": {"start_time": {"after_": "2024-02-29T12:00:00Z"}}}',
 $$task_run.start_time >= '2024-02-29T12:00:00Z'$$),
('tr_tr_start_time_is_null_true', 'task_run', 'all', '{"task_runs": {"start_time": {"is_null_": true}}}',
 $$task_run.start_time IS NULL$$),
('tr_tr_start_time_is_null_false', 'task_run', 'day', '{"task_runs": {"start_time": {"is_null_": false}}}',
 $$task_run.start_time IS NOT NULL$$),
('tr_tr_end_time_before_after', 'task_run', 'day',
 '{"task_runs": {"end_time": {"after_": "2024-02-10T06:00:00Z", "before_": "2024-02-10T18:00:00Z"}}}',
 $$task_run.end_time <= '2024-02-10T18:00:00Z' AND task_run.end_time >= '2024-02-10T06:00:00Z'$$),
('tr_tr_end_time_is_null_true', 'task_run', 'all', '{"task_runs": {"end_time": {"is_null_": true}}}',
 $$task_run.end_time IS NULL$$),
('tr_tr_expected_start_time', 'task_run', 'day',
 '{"task_runs": {"expected_start_time": {"after_": "2024-02-10T00:00:48.522426Z", "before_": "2024-02-10T00:04:00.236409Z"}}}',
 $$task_run.expected_start_time <= '2024-02-10T00:04:00.236409Z' AND task_run.expected_start_time >= '2024-02-10T00:00:48.522426Z'$$),
('tr_tr_subflow_runs_exists_true', 'task_run', '2w', '{"task_runs": {"subflow_runs": {"exists_": true}}}',
 $$EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id)$$),
('tr_tr_subflow_runs_exists_false', 'task_run', '2w', '{"task_runs": {"subflow_runs": {"exists_": false}}}',
 $$NOT EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id)$$),
('tr_tr_operator_or', 'task_run', '2w',
 '{"task_runs": {"operator": "or_", "state": {"name": {"any_": ["Cached"]}}, "start_time": {"is_null_": true}, "tags": {"all_": ["slow"]}}}',
 $$(task_run.tags ?& ARRAY['slow'] OR task_run.state_name IN ('Cached') OR task_run.start_time IS NULL)$$),
('tr_tr_operator_or_true_quirk', 'task_run', '2w',
 '{"task_runs": {"operator": "or_", "tags": {}, "name": {"any_": ["nonexistent"]}}}', 'TRUE'),
('tr_tr_operator_or_flow_run_id', 'task_run', 'all',
 '{"task_runs": {"operator": "or_", "flow_run_id": {"is_null_": true}, "state": {"type": {"any_": ["CRASHED"]}}}}',
 $$(task_run.state_type IN ('CRASHED') OR task_run.flow_run_id IS NULL)$$),
('tr_tr_operator_and_many', 'task_run', 'all',
 '{"task_runs": {"operator": "and_", "name": {"like_": "load"}, "tags": {"is_null_": false}, "state": {"type": {"any_": ["COMPLETED"]}}, "end_time": {"is_null_": false}, "subflow_runs": {"exists_": false}, "flow_run_id": {}}}',
 $$task_run.name ILIKE '%load%' AND task_run.tags <> '[]'::jsonb AND task_run.state_type IN ('COMPLETED')
   AND task_run.end_time IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id)
   AND task_run.flow_run_id IS NOT NULL$$),

('tr_flows_empty', 'task_run', 'all', '{"flows": {}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id WHERE flow_run.id = task_run.flow_run_id)$$),
('tr_flows_tags_all', 'task_run', '2w', '{"flows": {"tags": {"all_": ["ml"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id
           WHERE flow_run.id = task_run.flow_run_id AND flow.tags ?& ARRAY['ml'])$$),
('tr_flows_name_like', 'task_run', '2w', '{"flows": {"name": {"like_": "sync"}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id
           WHERE flow_run.id = task_run.flow_run_id AND flow.name ILIKE '%sync%')$$),
('tr_flows_id_not_any', 'task_run', '2w', '{"flows": {"id": {"not_any_": ["37e10be4-5bdf-4861-a0a4-c13027997811"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id
           WHERE flow_run.id = task_run.flow_run_id AND flow.id NOT IN ('37e10be4-5bdf-4861-a0a4-c13027997811'))$$),
('tr_flows_deployment_is_null_true', 'task_run', 'all', '{"flows": {"deployment": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id
           WHERE flow_run.id = task_run.flow_run_id
             AND flow.id NOT IN (SELECT DISTINCT deployment_1.flow_id FROM deployment AS deployment_1))$$),
('tr_flows_operator_or', 'task_run', '2w', '{"flows": {"operator": "or_", "name": {"any_": ["dbt-flow-160"]}, "tags": {"all_": ["green"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id
           WHERE flow_run.id = task_run.flow_run_id AND (flow.name IN ('dbt-flow-160') OR flow.tags ?& ARRAY['green']))$$),
('tr_flow_runs_empty', 'task_run', 'all', '{"flow_runs": {}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id)$$),
('tr_flow_runs_id_shortcut', 'task_run', 'day',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74", "200cabb2-e8ba-443a-b364-559888eb2533"]}}}',
 $$task_run.flow_run_id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74', '200cabb2-e8ba-443a-b364-559888eb2533')$$),
('tr_flow_runs_id_shortcut_operator_or', 'task_run', 'day',
 '{"flow_runs": {"operator": "or_", "id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"]}}}',
 $$task_run.flow_run_id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e')$$),
('tr_flow_runs_id_shortcut_not_any_empty', 'task_run', 'day',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"], "not_any_": []}}}',
 $$task_run.flow_run_id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e')$$),
('tr_flow_runs_id_with_empty_name_exists', 'task_run', 'day',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74"]}, "name": {}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id
           AND flow_run.id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74'))$$),
('tr_flow_runs_id_with_not_any_exists', 'task_run', 'day',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74"], "not_any_": ["1f0acdf1-35b3-4601-a602-8adee296ac74"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id
           AND flow_run.id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74')
           AND flow_run.id NOT IN ('1f0acdf1-35b3-4601-a602-8adee296ac74'))$$),
('tr_flow_runs_id_not_any_only', 'task_run', 'day',
 '{"flow_runs": {"id": {"not_any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id
           AND flow_run.id NOT IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e'))$$),
('tr_flow_runs_id_any_empty', 'task_run', '2w', '{"flow_runs": {"id": {"any_": []}}}', 'FALSE'),
('tr_flow_runs_id_with_flows_empty', 'task_run', 'day',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"]}}, "flows": {}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id
           WHERE flow_run.id = task_run.flow_run_id AND flow_run.id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e'))$$),
('tr_flow_runs_id_with_deployments', 'task_run', 'day',
 '{"flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e", "1f0acdf1-35b3-4601-a602-8adee296ac74"]}}, "deployments": {}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id
             AND flow_run.id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e', '1f0acdf1-35b3-4601-a602-8adee296ac74'))$$),
('tr_flow_runs_state_type', 'task_run', '2w', '{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id AND flow_run.state_type IN ('FAILED', 'CRASHED'))$$),
('tr_flow_runs_state_quirk_dropped', 'task_run', '2w',
 '{"flow_runs": {"state": {"type": {"any_": ["FAILED"], "not_any_": ["COMPLETED"]}}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id)$$),
('tr_flow_runs_tags_any', 'task_run', '2w', '{"flow_runs": {"tags": {"any_": ["etl"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id AND flow_run.tags ?| ARRAY['etl'])$$),
('tr_flow_runs_start_time_after_coalesce', 'task_run', 'last', '{"flow_runs": {"start_time": {"after_": "2024-02-29T18:00:00Z"}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id
           AND coalesce(flow_run.start_time, flow_run.expected_start_time) >= '2024-02-29T18:00:00Z')$$),
('tr_flow_runs_parent_flow_run_id', 'task_run', 'all',
 '{"flow_runs": {"parent_flow_run_id": {"any_": ["b9163357-a285-4863-977e-b85d0d6f3972", "f0df60f4-3ffe-44a4-8539-95b824a922c6"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id
           AND flow_run.id IN (SELECT flow_run_1.id FROM flow_run AS flow_run_1
                               JOIN task_run AS task_run_1 ON task_run_1.id = flow_run_1.parent_task_run_id
                               WHERE task_run_1.flow_run_id IN ('b9163357-a285-4863-977e-b85d0d6f3972', 'f0df60f4-3ffe-44a4-8539-95b824a922c6')))$$),
('tr_flow_runs_parent_task_run_id_is_null_false', 'task_run', '2w', '{"flow_runs": {"parent_task_run_id": {"is_null_": false}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id AND flow_run.parent_task_run_id IS NOT NULL)$$),
('tr_flow_runs_created_by_type', 'task_run', '2w', '{"flow_runs": {"created_by": {"type_": ["USER"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id AND (flow_run.created_by ->> 'type') IN ('USER'))$$),
('tr_flow_runs_work_queue_name', 'task_run', '2w', '{"flow_runs": {"work_queue_name": {"any_": ["default"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id AND flow_run.work_queue_name IN ('default'))$$),
('tr_flow_runs_deployment_id_is_null_true', 'task_run', '2w', '{"flow_runs": {"deployment_id": {"is_null_": true}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id AND flow_run.deployment_id IS NULL)$$),
('tr_flow_runs_operator_or', 'task_run', '2w',
 '{"flow_runs": {"operator": "or_", "name": {"like_": "finch"}, "state": {"name": {"any_": ["Cancelled"]}}}}',
 $$EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id
           AND (flow_run.name ILIKE '%finch%' OR flow_run.state_name IN ('Cancelled')))$$),
('tr_deployments_empty', 'task_run', '2w', '{"deployments": {}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id)$$),
('tr_deployments_paused_true', 'task_run', 'all', '{"deployments": {"paused": {"eq_": true}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id AND deployment.paused IS TRUE)$$),
('tr_deployments_tags_any', 'task_run', '2w', '{"deployments": {"tags": {"any_": ["finance", "marketing"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id AND deployment.tags ?| ARRAY['finance', 'marketing'])$$),
('tr_deployments_flow_or_deployment_name', 'task_run', '2w', '{"deployments": {"flow_or_deployment_name": {"like_": "nightly"}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id
             AND (deployment.name ILIKE '%nightly%'
                  OR EXISTS (SELECT 1 FROM flow AS flow_1 WHERE flow_1.id = deployment.flow_id AND flow_1.name ILIKE '%nightly%')))$$),
('tr_deployments_concurrency_limit_ignored', 'task_run', '2w', '{"deployments": {"concurrency_limit": {"ge_": 100}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id)$$),
('tr_deployments_operator_or', 'task_run', '2w',
 '{"deployments": {"operator": "or_", "name": {"any_": ["staging-1"]}, "work_queue_name": {"any_": ["GPU_Queue-7"]}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id
             AND (deployment.name IN ('staging-1') OR deployment.work_queue_name IN ('GPU_Queue-7')))$$),
('tr_combo_flows_and_deployments', 'task_run', '2w',
 '{"flows": {"tags": {"is_null_": true}}, "deployments": {"paused": {"eq_": false}}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id AND flow.tags = '[]'::jsonb AND deployment.paused IS FALSE)$$),
('tr_combo_all_four', 'task_run', '2w',
 '{"task_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED"]}}, "tags": {"is_null_": false}}, "flows": {"name": {"like_": "flow-1"}}, "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}, "tags": {"all_": ["auto-scheduled"]}}, "deployments": {"tags": {"is_null_": false}}}',
 $$task_run.tags <> '[]'::jsonb AND task_run.state_type IN ('COMPLETED', 'FAILED')
   AND EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id JOIN deployment ON deployment.id = flow_run.deployment_id
               WHERE flow_run.id = task_run.flow_run_id
                 AND flow_run.tags ?& ARRAY['auto-scheduled'] AND flow_run.state_type IN ('COMPLETED')
                 AND flow.name ILIKE '%flow-1%'
                 AND deployment.tags <> '[]'::jsonb)$$),
('tr_combo_all_four_empty', 'task_run', 'all', '{"task_runs": {}, "flows": {}, "flow_runs": {}, "deployments": {}}',
 $$EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id JOIN deployment ON deployment.id = flow_run.deployment_id
           WHERE flow_run.id = task_run.flow_run_id)$$),
('tr_combo_task_runs_and_id_shortcut', 'task_run', 'day',
 '{"task_runs": {"name": {"like_": "query"}}, "flow_runs": {"id": {"any_": ["cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e"]}}}',
 $$task_run.name ILIKE '%query%' AND task_run.flow_run_id IN ('cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e')$$),
('tr_combo_subflow_parents_in_subflows', 'task_run', 'all',
 '{"task_runs": {"subflow_runs": {"exists_": true}}, "flow_runs": {"parent_task_run_id": {"is_null_": false}}}',
 $$EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id)
   AND EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = task_run.flow_run_id AND flow_run.parent_task_run_id IS NOT NULL)$$),
('tr_combo_flow_run_id_null_and_flows', 'task_run', 'all',
 '{"task_runs": {"flow_run_id": {"is_null_": true}}, "flows": {}}',
 $$task_run.flow_run_id IS NULL
   AND EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id WHERE flow_run.id = task_run.flow_run_id)$$),
('tr_work_pools_ignored', 'task_run', '2w', '{"work_pools": {"name": {"any_": ["no-such-pool"]}}}', 'TRUE'),
('tr_work_queues_ignored_unvalidated', 'task_run', '2w', '{"work_queues": {"bogus": 1}}', 'TRUE'),
('tr_work_pools_queues_ignored_with_filters', 'task_run', '2w',
 '{"work_pools": {"id": {"any_": []}}, "work_queues": {"id": {"any_": []}}, "task_runs": {"state": {"type": {"any_": ["FAILED"]}}}}',
 $$task_run.state_type IN ('FAILED')$$);

-- Cases over the rows of extra_rows.sql (2024-02-15 12:00-13:00, June 2099)
INSERT INTO oracle_windows VALUES
  ('extra',  '{"history_start": "2024-02-15T12:00:00Z", "history_end": "2024-02-15T13:00:00Z", "history_interval_seconds": 600}'),
  ('2099',   '{"history_start": "2099-05-31T00:00:00Z", "history_end": "2099-06-02T00:00:00Z", "history_interval_seconds": 3600}');
INSERT INTO oracle_case_input VALUES
('fr_extra_window', 'flow_run', 'extra', '{}', 'TRUE'),
('fr_extra_future_not_late', 'flow_run', '2099', '{}', 'TRUE'),
('tr_extra_window', 'task_run', 'extra', '{}', 'TRUE'),
('fr_extra_null_states', 'flow_run', 'extra', '{"flows": {"name": {"any_": ["dbt-flow-160"]}}}',
 $$EXISTS (SELECT 1 FROM flow WHERE flow.id = flow_run.flow_id AND flow.name IN ('dbt-flow-160'))$$),
('fr_extra_state_name_not_any_drops_nulls', 'flow_run', 'extra', '{"flow_runs": {"state": {"name": {"not_any_": ["Completed"]}}}}',
 $$flow_run.state_name NOT IN ('Completed')$$),
('fr_extra_state_type_not_any_drops_nulls', 'flow_run', 'extra', '{"flow_runs": {"state": {"type": {"not_any_": ["FAILED"]}}}}',
 $$flow_run.state_type NOT IN ('FAILED')$$),
('fr_extra_nested_subflow', 'flow_run', 'extra',
 '{"flow_runs": {"parent_flow_run_id": {"any_": ["ee000000-0000-4000-8000-000000000008"]}}}',
 $$flow_run.id IN (SELECT flow_run_1.id FROM flow_run AS flow_run_1 JOIN task_run ON task_run.id = flow_run_1.parent_task_run_id
                   WHERE task_run.flow_run_id IN ('ee000000-0000-4000-8000-000000000008'))$$),
('fr_extra_subflow_parent_tasks', 'flow_run', 'extra', '{"task_runs": {"subflow_runs": {"exists_": true}}}',
 $$EXISTS (SELECT 1 FROM task_run WHERE task_run.flow_run_id = flow_run.id
           AND EXISTS (SELECT 1 FROM flow_run AS flow_run_1 WHERE flow_run_1.parent_task_run_id = task_run.id))$$),
('tr_extra_state_types', 'task_run', 'extra', '{"task_runs": {"state": {"type": {"any_": ["PAUSED", "CANCELLING", "RUNNING"]}}}}',
 $$task_run.state_type IN ('PAUSED', 'CANCELLING', 'RUNNING')$$);

INSERT INTO oracle.cases (name, run_type, request, where_sql)
SELECT c.name, c.run_type, coalesce(w.req, '{}'::jsonb) || c.body::jsonb, c.where_sql
FROM oracle_case_input c
LEFT JOIN oracle_windows w ON w.w = c.w;

DROP TABLE oracle_case_input, oracle_windows;
