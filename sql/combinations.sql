-- combinations: the six top-level filters are always ANDed, each present
-- one adding its EXISTS even when empty.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- flows and task_runs together (Prefect joins them in one subquery)
SELECT regress.fr('{"flows": {"id": {"any_": ["f1000000-0000-4000-8000-000000000001"]}}, "task_runs": {}}');
SELECT regress.fr('{"flows": {"id": {"any_": ["f1000000-0000-4000-8000-000000000002"]}}, "task_runs": {}}');
SELECT regress.fr('{"flows": {"name": {"like_": "flow"}}, "task_runs": {"state": {"type": {"any_": ["FAILED", "RUNNING"]}}}}');

-- empty objects restrict: deployment must exist, queue must exist, ...
SELECT regress.fr('{"deployments": {}, "work_queues": {}}');
SELECT regress.fr('{"flow_runs": {}, "flows": {}, "task_runs": {}}');

-- across objects
SELECT regress.fr('{"flows": {"tags": {"all_": ["blue"]}}, "deployments": {"paused": {"eq_": true}}}');
SELECT regress.fr('{"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}},
                    "deployments": {"name": {"any_": ["nightly"]}},
                    "work_pools": {"type": {"any_": ["process"]}}}');
SELECT regress.fr('{"flow_runs": {"operator": "or_", "tags": {"any_": ["adhoc"]}, "name": {"like_": "fox"}},
                    "flows": {"operator": "or_", "deployment": {"is_null_": true}, "tags": {"all_": ["db"]}}}');
SELECT regress.fr('{"flows": {"name": {"any_": ["etl-flow-one"]}},
                    "flow_runs": {"state": {"type": {"not_any_": ["RUNNING"]}}},
                    "task_runs": {"tags": {"all_": ["io"]}},
                    "deployments": {"tags": {"any_": ["prod"]}},
                    "work_pools": {"name": {"any_": ["pool-k8s"]}},
                    "work_queues": {"name": {"startswith_": ["wq"]}}}');
SELECT regress.fr('{"flows": {"name": {"any_": ["etl-flow-one"]}}, "deployments": {"name": {"any_": ["nightly"]}}}')
  AS "contradiction";

-- or_ applies inside one object only, never across objects
SELECT regress.fr('{"flow_runs": {"operator": "or_", "name": {"any_": ["brave-fox"]}},
                    "flows": {"operator": "or_", "name": {"any_": ["Flow-Two"]}}}');
