-- filter_task_runs: TaskRunFilter in flow-run history, as EXISTS over the
-- run's task runs: a flow run matches when one of its task runs matches.
-- Tasks: T1 extract-1 and T2 transform-1 of brave-fox (Completed), T3 load-1
-- of dark-elk (Failed), T5 retry-1 of grim-cat (Running), T6 wait-1 of
-- jolly-gnu (Pending), T7 cleanup-1 of fast-bee (Crashed); T4 has no flow run.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SELECT regress.fr('{"task_runs": {}}') AS "runs with at least one task run";

-- id (any_ only)
SELECT regress.fr('{"task_runs": {"id": {"any_": ["c0000000-0000-4000-8000-000000000003"]}}}');
SELECT regress.fr('{"task_runs": {"id": {"any_": ["c0000000-0000-4000-8000-000000000004"]}}}');

-- name
SELECT regress.fr('{"task_runs": {"name": {"any_": ["load-1"]}}}');
SELECT regress.fr('{"task_runs": {"name": {"like_": "T-1"}}}');

-- tags: all_ and is_null_
SELECT regress.fr('{"task_runs": {"tags": {"all_": ["io"]}}}');
SELECT regress.fr('{"task_runs": {"tags": {"all_": ["io", "db"]}}}');
SELECT regress.fr('{"task_runs": {"tags": {"is_null_": false}}}');
SELECT regress.fr('{"task_runs": {"tags": {"operator": "or_", "all_": ["db"], "is_null_": true}}}');

-- state
SELECT regress.fr('{"task_runs": {"state": {"type": {"any_": ["FAILED"]}}}}');
SELECT regress.fr('{"task_runs": {"state": {"name": {"any_": ["Cached"]}}}}');
SELECT regress.fr('{"task_runs": {"state": {"operator": "or_", "type": {"any_": ["PENDING"]},
                                            "name": {"any_": ["Retrying"]}}}}');

-- start_time: plain start_time, so a task that never started never matches
SELECT regress.fr('{"task_runs": {"start_time": {"before_": "2024-01-01T00:12:00Z"}}}');
SELECT regress.fr('{"task_runs": {"start_time": {"after_": "2024-01-01T02:00:00Z"}}}');
SELECT regress.fr('{"task_runs": {"start_time": {"is_null_": true}}}');

-- end_time
SELECT regress.fr('{"task_runs": {"end_time": {"before_": "2024-01-01T00:12:00Z"}}}');
SELECT regress.fr('{"task_runs": {"end_time": {"after_": "2024-01-01T01:00:00Z"}}}');
SELECT regress.fr('{"task_runs": {"end_time": {"is_null_": true}}}');

-- expected_start_time
SELECT regress.fr('{"task_runs": {"expected_start_time": {"after_": "2024-01-01T02:00:00Z"}}}');
SELECT regress.fr('{"task_runs": {"expected_start_time": {"before_": "2024-01-01T00:11:00Z"}}}');

-- subflow_runs.exists_: the task run is the parent task of a subflow
SELECT regress.fr('{"task_runs": {"subflow_runs": {"exists_": true}}}');
SELECT regress.fr('{"task_runs": {"subflow_runs": {"exists_": false}}}');
SELECT regress.fr('{"task_runs": {"subflow_runs": {}}}');

-- flow_run_id: is_null_ defaults to false
SELECT regress.fr('{"task_runs": {"flow_run_id": {}}}');
SELECT regress.fr('{"task_runs": {"flow_run_id": {"is_null_": true}}}') AS "never matches here";
SELECT regress.fr('{"task_runs": {"flow_run_id": {"any_": ["e0000000-0000-4000-8000-000000000003"]}}}');
SELECT regress.fr('{"task_runs": {"flow_run_id": {"any_": ["e0000000-0000-4000-8000-000000000003"], "is_null_": true}}}');
SELECT regress.fr('{"task_runs": {"flow_run_id": {"any_": ["e0000000-0000-4000-8000-000000000003"], "is_null_": null}}}');
SELECT regress.fr('{"task_runs": {"flow_run_id": {"is_null_": null}}}');
SELECT regress.fr('{"task_runs": {"flow_run_id": {"any_": []}}}');

-- operator
SELECT regress.fr('{"task_runs": {"operator": "or_", "name": {"any_": ["wait-1"]},
                                  "state": {"type": {"any_": ["FAILED"]}}}}');
SELECT regress.fr('{"task_runs": {"operator": "or_", "name": {}, "id": {"any_": []}}}');
