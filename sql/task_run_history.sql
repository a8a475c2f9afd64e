-- task_run_history: Prefect's /task_runs/history over task_run, with the
-- filters combined as _apply_task_run_filters does.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SELECT regress.tr() AS "every task run, with and without a flow run";

-- flows, flow_runs or deployments, even empty, need the task's flow run
SELECT regress.tr('{"flow_runs": {}}');
SELECT regress.tr('{"flows": {}}');
SELECT regress.tr('{"deployments": {}}') AS "and the flow run's deployment";

-- flow_runs filtering only on ids: Prefect's short cut, tr.flow_run_id IN ids
SELECT regress.tr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.tr('{"flow_runs": {"operator": "or_", "id": {"any_": ["e0000000-0000-4000-8000-000000000001"], "not_any_": []}}}');
-- with anything else, the EXISTS path: the same answer
SELECT regress.tr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}, "name": {}}}');
SELECT regress.tr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}}, "flows": {}}');
SELECT regress.tr('{"flow_runs": {"id": {"any_": []}}}');

-- flow run, flow and deployment filters
SELECT regress.tr('{"flow_runs": {"state": {"type": {"any_": ["RUNNING"]}}}}');
SELECT regress.tr('{"flow_runs": {"parent_flow_run_id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.tr('{"flows": {"name": {"any_": ["Flow-Two"]}}}');
SELECT regress.tr('{"deployments": {"name": {"any_": ["nightly"]}}}');
SELECT regress.tr('{"flows": {"tags": {"all_": ["db"]}}, "deployments": {"paused": {"eq_": true}},
                    "flow_runs": {"state": {"type": {"any_": ["FAILED", "PENDING"]}}}}');

-- the task_runs filter applies to task_run itself
SELECT regress.tr('{"task_runs": {"flow_run_id": {}}}');
SELECT regress.tr('{"task_runs": {"flow_run_id": {"is_null_": true}}}');
SELECT regress.tr('{"task_runs": {"flow_run_id": {"any_": ["e0000000-0000-4000-8000-000000000001"], "is_null_": true}}}');
SELECT regress.tr('{"task_runs": {"state": {"name": {"any_": ["Failed", "Crashed"]}}}}');
SELECT regress.tr('{"task_runs": {"start_time": {"before_": "2024-01-01T00:30:00Z"}}}');
SELECT regress.tr('{"task_runs": {"start_time": {"is_null_": true}}}');
SELECT regress.tr('{"task_runs": {"subflow_runs": {"exists_": true}}}');
SELECT regress.tr('{"task_runs": {"tags": {"all_": ["io"]}, "name": {"like_": "LOAD"}}}');
SELECT regress.tr('{"task_runs": {"subflow_runs": {"exists_": false}}, "flow_runs": {"name": {"any_": ["brave-fox"]}}}');

-- work_pools and work_queues are not parameters of /task_runs/history:
-- ignored, without validation
SELECT regress.tr('{"work_pools": {"name": {"any_": ["nope"]}}, "work_queues": {"bogus": 1}}');

-- estimates over task runs: extract-1 ran 60 s on time, transform-1 60 s a
-- minute late, load-1 was cached without running, cleanup-1 started 60 s late
SELECT interval_start, state_type, state_name, count_runs, sum_estimated_run_time, sum_estimated_lateness
  FROM task_run_history('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T03:00:00Z",
                          "history_interval_seconds": 3600,
                          "task_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED", "CANCELLED", "CRASHED"]}}}}');
-- a RUNNING task run: 30 s so far plus the time since its state began
SELECT extract(epoch FROM sum_estimated_run_time) = 30 + extract(epoch FROM now() - '2024-01-01 01:55Z'::timestamptz)
  FROM task_run_history(regress.request('{"task_runs": {"state": {"type": {"any_": ["RUNNING"]}}}}'));

-- Prefect's short cut for a flow_runs filter of ids only does not look at
-- created_by: with both, the ids alone decide (created_by is not applied)
SELECT regress.tr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}}}') AS ids_only,
       regress.tr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]},
                                  "created_by": {"type_": ["no-such-creator"]}}}') AS ids_and_created_by,
       regress.tr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]},
                                  "name": {"any_": ["no-such-run"]}}}') AS ids_and_name;
