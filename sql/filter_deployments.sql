-- filter_deployments: DeploymentFilter, as EXISTS over the run's
-- deployment, so runs without one (or with a dangling id) never match.
-- D1 deploy-alpha (F1, wq-alpha, ["prod","db"]), D2 Deploy-Beta (F1,
-- Beta_q, [], paused), D3 nightly (F3 report_three, default, ["prod"]).
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SELECT regress.fr('{"deployments": {}}') AS "runs whose deployment exists";

-- id
SELECT regress.fr('{"deployments": {"id": {"any_": ["d0000000-0000-4000-8000-000000000002"]}}}');
SELECT regress.fr('{"deployments": {"id": {"any_": []}}}');
SELECT regress.fr('{"deployments": {"id": {"not_any_": ["d0000000-0000-4000-8000-000000000001"]}}}');

-- name
SELECT regress.fr('{"deployments": {"name": {"any_": ["nightly"]}}}');
SELECT regress.fr('{"deployments": {"name": {"like_": "DEPLOY"}}}');
SELECT regress.fr('{"deployments": {"name": {"like_": "_eta"}}}');

-- flow_or_deployment_name: the deployment's name or its flow's
SELECT regress.fr('{"deployments": {"flow_or_deployment_name": {"like_": "three"}}}');
SELECT regress.fr('{"deployments": {"flow_or_deployment_name": {"like_": "ALPHA"}}}');
SELECT regress.fr('{"deployments": {"flow_or_deployment_name": {"like_": "flow-one"}}}');
SELECT regress.fr('{"deployments": {"flow_or_deployment_name": {"like_": ""}}}');

-- paused
SELECT regress.fr('{"deployments": {"paused": {"eq_": true}}}');
SELECT regress.fr('{"deployments": {"paused": {"eq_": false}}}');

-- tags: all_, any_, is_null_
SELECT regress.fr('{"deployments": {"tags": {"all_": ["prod"]}}}');
SELECT regress.fr('{"deployments": {"tags": {"any_": ["db", "nope"]}}}');
SELECT regress.fr('{"deployments": {"tags": {"any_": []}}}');
SELECT regress.fr('{"deployments": {"tags": {"is_null_": true}}}');
SELECT regress.fr('{"deployments": {"tags": {"operator": "or_", "all_": ["db"], "is_null_": true}}}');

-- work_queue_name
SELECT regress.fr('{"deployments": {"work_queue_name": {"any_": ["Beta_q"]}}}');

-- concurrency_limit is deprecated: validated, then ignored (not even TRUE)
SELECT regress.fr('{"deployments": {"concurrency_limit": {"ge_": 100, "le_": 1, "is_null_": true}}}');
SELECT regress.fr('{"deployments": {"operator": "or_", "concurrency_limit": {"ge_": 1},
                                    "name": {"any_": ["nightly"]}}}');

-- operator
SELECT regress.fr('{"deployments": {"operator": "or_", "paused": {"eq_": true}, "name": {"any_": ["nightly"]}}}');
SELECT regress.fr('{"deployments": {"operator": "or_", "name": {}, "id": {"any_": []}}}');
