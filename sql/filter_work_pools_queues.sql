-- filter_work_pools_queues: WorkPoolFilter and WorkQueueFilter, as EXISTS
-- over the run's work_queue_id (not its work_queue_name column).
-- P1 pool-k8s (kubernetes): Q1 wq-alpha, Q2 Beta_q; P2 pool-proc (process): Q3 default.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SELECT regress.fr('{"work_pools": {}}') AS "runs with a queue in a pool";
SELECT regress.fr('{"work_queues": {}}') AS "runs with a queue";

-- work_pools
SELECT regress.fr('{"work_pools": {"id": {"any_": ["a0000000-0000-4000-8000-000000000002"]}}}');
SELECT regress.fr('{"work_pools": {"id": {"any_": []}}}');
SELECT regress.fr('{"work_pools": {"name": {"any_": ["pool-k8s"]}}}');
SELECT regress.fr('{"work_pools": {"type": {"any_": ["process", "docker"]}}}');
SELECT regress.fr('{"work_pools": {"operator": "or_", "type": {"any_": ["process"]},
                                   "name": {"any_": ["pool-k8s"]}}}');
SELECT regress.fr('{"work_pools": {"name": {"any_": ["pool-k8s"]}, "type": {"any_": ["process"]}}}');

-- work_queues
SELECT regress.fr('{"work_queues": {"id": {"any_": ["b0000000-0000-4000-8000-000000000002"]}}}');
SELECT regress.fr('{"work_queues": {"name": {"any_": ["default"]}}}');
SELECT regress.fr('{"work_queues": {"name": {"any_": ["DEFAULT"]}}}') AS "case-sensitive";
-- startswith_: ILIKE v || '%', _ being a wildcard
SELECT regress.fr('{"work_queues": {"name": {"startswith_": ["beta"]}}}');
SELECT regress.fr('{"work_queues": {"name": {"startswith_": ["wq_"]}}}');
SELECT regress.fr('{"work_queues": {"name": {"startswith_": ["WQ-", "def"]}}}');
SELECT regress.fr('{"work_queues": {"name": {"startswith_": ["alpha"]}}}');
-- an empty startswith_ is an empty OR that vanishes: alone it adds nothing,
-- beside an empty any_ under or_ it leaves only the any_ (nothing matches)
SELECT regress.fr('{"work_queues": {"name": {"startswith_": []}}}');
SELECT regress.fr('{"work_queues": {"operator": "or_", "name": {"startswith_": []}, "id": {"any_": []}}}');
SELECT regress.fr('{"work_queues": {"name": {"startswith_": [""]}}}');

-- both filters together, and with the run's own work_queue_name
SELECT regress.fr('{"work_pools": {"name": {"any_": ["pool-k8s"]}},
                    "work_queues": {"name": {"any_": ["Beta_q"]}}}');
SELECT regress.fr('{"work_queues": {"name": {"any_": ["wq-alpha"]}},
                    "flow_runs": {"work_queue_name": {"any_": ["wq-alpha"]}}}');
