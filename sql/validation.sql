-- validation: every request Prefect answers with 422 is an ERROR with an
-- SQLSTATE and the JSON path of the offending value; inputs Prefect accepts
-- but then fails on (500/503) are clean errors too.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- the body
SELECT regress.err(v) FROM (VALUES ('[]'::jsonb), ('"x"'), ('5'), ('null'), ('{}')) AS t(v);

-- required keys: missing, or null (the same to Prefect)
SELECT regress.err('{"history_end": "2024-01-02T00:00:00Z", "history_interval_seconds": 60}');
SELECT regress.err('{"history_start": "2024-01-02T00:00:00Z", "history_interval_seconds": 60}');
SELECT regress.err('{"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-02T00:00:00Z"}');
SELECT regress.err('{"history_start": null, "history_end": "2024-01-02T00:00:00Z", "history_interval_seconds": 60}');

-- date-times
SELECT v AS history_start,
       regress.err(jsonb_build_object('history_start', v, 'history_end', '2024-01-02T00:00:00Z',
                                      'history_interval_seconds', 3600))
  FROM (VALUES ('"yesterday"'::jsonb), ('"2024-13-01T00:00:00Z"'), ('"2024-02-30"'),
               ('"2024-01-01T25:00:00Z"'), ('"2024-01-01T00:00:60Z"'), ('" 2024-01-01T00:00:00Z"'),
               ('"2024-01-01T00:00:00+01"'), ('"2024-01-01T00:00:00+24:00"'),
               ('"20240101T000000Z"'), ('"2024-01-01T"'), ('"0000-01-01"'),
               ('"1e9"'), ('5e20'), ('true'), ('{}'), ('[]'),
               ('"0001-01-01T00:00:00+01:00"')) AS t(v);

-- history_interval_seconds
SELECT v AS history_interval_seconds,
       regress.err(jsonb_build_object('history_start', '2024-01-01T00:00:00Z',
                                      'history_end', '2024-01-02T00:00:00Z',
                                      'history_interval_seconds', v))
  FROM (VALUES ('"PT1H"'::jsonb), ('"1h"'), ('[60]'), ('{}'), ('0.5'), ('0'), ('-60'),
               ('false'), ('0.9999994'), ('"nan"'), ('"inf"'), ('1e13'), ('"1__0"')) AS t(v);

-- the last interval must end within year 9999, where Prefect can write it
SELECT regress.err('{"history_start": "9999-12-31T00:00:00Z", "history_end": "9999-12-31T12:00:00Z",
                     "history_interval_seconds": 86400}');
SELECT regress.err('{"history_start": "9999-12-30T00:00:00Z", "history_end": "9999-12-31T12:00:00Z",
                     "history_interval_seconds": 3600}');

-- filters must be objects
SELECT regress.ferr('{"flows": []}');
SELECT regress.ferr('{"flow_runs": "x"}');
SELECT regress.ferr('{"flow_runs": {"state": 5}}');
SELECT regress.ferr('{"flow_runs": {"state": {"type": []}}}');

-- unknown keys, in every filter object and at every depth
SELECT regress.ferr('{"flows": {"bogus": 1}}');
SELECT regress.ferr('{"flows": {"tags": {"any_": ["etl"]}}}');
SELECT regress.ferr('{"flow_runs": {"labels": {"any_": ["x"]}}}');
SELECT regress.ferr('{"flow_runs": {"state": {"type": {"in_": ["FAILED"]}}}}');
SELECT regress.ferr('{"task_runs": {"id": {"not_any_": ["00000000-0000-4000-8000-00000000beef"]}}}');
SELECT regress.ferr('{"task_runs": {"state": {"type": {"not_any_": ["FAILED"]}}}}');
SELECT regress.ferr('{"deployments": {"status": {"any_": ["READY"]}}}');
SELECT regress.ferr('{"work_pools": {"name": {"like_": "pool"}}}');
SELECT regress.ferr('{"work_queues": {"name": {"like_": "wq"}}}');

-- "operator" only where Prefect's model has one
SELECT regress.ferr('{"flows": {"id": {"operator": "or_"}}}');
SELECT regress.ferr('{"flow_runs": {"state": {"type": {"operator": "or_"}}}}');
SELECT regress.ferr('{"flow_runs": {"start_time": {"operator": "and_"}}}');
SELECT regress.ferr('{"work_queues": {"name": {"operator": "and_"}}}');
SELECT regress.ferr('{"deployments": {"concurrency_limit": {"operator": "and_"}}}');
SELECT regress.ferr(jsonb_build_object('flow_runs', jsonb_build_object('operator', v)))
  FROM (VALUES ('"xor_"'::jsonb), ('"AND_"'), ('1'), ('["or_"]')) AS t(v);
-- accepted where the model has one, null meaning the default
SELECT regress.ferr(f) FROM (VALUES
  ('{"flows": {"operator": "and_", "deployment": {"operator": "or_"}, "tags": {"operator": "or_"}}}'::jsonb),
  ('{"flow_runs": {"operator": null, "tags": {"operator": "or_"}, "deployment_id": {"operator": "or_"},
     "work_queue_name": {"operator": "or_"}, "state": {"operator": "or_"},
     "parent_flow_run_id": {"operator": "or_"}, "parent_task_run_id": {"operator": "or_"},
     "created_by": {"operator": "or_"}}}'),
  ('{"task_runs": {"operator": "or_", "tags": {"operator": "or_"}, "state": {"operator": "or_"},
     "flow_run_id": {"operator": "or_"}}}'),
  ('{"deployments": {"operator": "or_", "tags": {"operator": "or_"}}}'),
  ('{"work_pools": {"operator": "or_"}, "work_queues": {"operator": "or_"}}')) AS t(f);

-- values of the wrong type, with the path of the element
SELECT regress.ferr('{"flow_runs": {"name": {"like_": 5}}}');
SELECT regress.ferr('{"flow_runs": {"name": {"any_": "brave-fox"}}}');
SELECT regress.ferr('{"flow_runs": {"name": {"any_": ["brave-fox", 1]}}}');
SELECT regress.ferr('{"flow_runs": {"name": {"any_": [null]}}}');
SELECT regress.ferr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001", "not-a-uuid"]}}}');
SELECT regress.ferr('{"flow_runs": {"id": {"any_": [123]}}}');
SELECT regress.ferr('{"flow_runs": {"state": {"type": {"any_": ["SCHEDULD"]}}}}');
SELECT regress.ferr('{"flow_runs": {"state": {"type": {"any_": ["completed"]}}}}');
SELECT regress.ferr('{"flow_runs": {"tags": {"is_null_": "maybe"}}}');
SELECT regress.ferr('{"flow_runs": {"tags": {"is_null_": 2}}}');
SELECT regress.ferr('{"flow_runs": {"expected_start_time": {"before_": "yesterday"}}}');
SELECT regress.ferr('{"flow_runs": {"created_by": {"id_": ["nope"]}}}');
SELECT regress.ferr('{"deployments": {"tags": {"all_": ["prod", "db", 3]}}}');
SELECT regress.ferr('{"deployments": {"paused": {"eq_": "sometimes"}}}');
SELECT regress.ferr('{"deployments": {"concurrency_limit": {"ge_": 1.5}}}');
SELECT regress.ferr('{"deployments": {"concurrency_limit": {"le_": "ten"}}}');
SELECT regress.ferr('{"task_runs": {"flow_run_id": {"is_null_": "perhaps"}}}');
SELECT regress.ferr('{"task_runs": {"subflow_runs": {"exists_": []}}}');
SELECT regress.ferr('{"work_queues": {"name": {"startswith_": "wq"}}}');

-- UUIDs in the forms Prefect (the Rust uuid crate) reads, and others
SELECT v AS id, regress.ferr(jsonb_build_object('flow_runs',
         jsonb_build_object('id', jsonb_build_object('any_', jsonb_build_array(v))))) AS result,
       regress.fr(jsonb_build_object('flow_runs',
         jsonb_build_object('id', jsonb_build_object('any_', jsonb_build_array(v))))) AS runs
  FROM (VALUES ('"e0000000-0000-4000-8000-000000000001"'::jsonb),
               ('"E0000000-0000-4000-8000-000000000001"'),
               ('"e0000000000040008000000000000001"'),
               ('"{e0000000-0000-4000-8000-000000000001}"'),
               ('"urn:uuid:e0000000-0000-4000-8000-000000000001"')) AS t(v);
SELECT v AS id, regress.ferr(jsonb_build_object('flow_runs',
         jsonb_build_object('id', jsonb_build_object('any_', jsonb_build_array(v))))) AS result
  FROM (VALUES ('"{e0000000000040008000000000000001}"'::jsonb),
               ('"URN:UUID:e0000000-0000-4000-8000-000000000001"'),
               ('"e000-0000-0000-4000-8000-000000000001"'),
               ('"e0000000-0000-4000-8000-00000000000g"'),
               ('" e0000000-0000-4000-8000-000000000001"')) AS t(v);

-- lax booleans and integers, as pydantic reads them
SELECT v AS is_null_, regress.fr(jsonb_build_object('flow_runs',
         jsonb_build_object('start_time', jsonb_build_object('is_null_', v)))) AS runs
  FROM (VALUES ('true'::jsonb), ('1'), ('1.0'), ('"yes"'), ('"ON"'), ('"t"'),
               ('false'), ('0'), ('"off"'), ('"N"')) AS t(v);
SELECT regress.ferr('{"deployments": {"concurrency_limit": {"ge_": "1_000", "le_": 2.0, "is_null_": "no"}}}');

-- Prefect validates the whole body before it checks the interval
SELECT regress.err('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-02T00:00:00Z",
                     "history_interval_seconds": 0.5, "flows": {"bogus": 1}}');

-- a value shown in a message is clipped
SELECT regress.ferr(jsonb_build_object('flow_runs', jsonb_build_object('id',
         jsonb_build_object('any_', jsonb_build_array(repeat('x', 10000))))));
SELECT regress.ferr(jsonb_build_object('flows', jsonb_build_object(repeat('k', 10000), 1)));
