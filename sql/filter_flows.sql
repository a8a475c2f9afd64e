-- filter_flows: FlowFilter, applied as EXISTS over the run's flow.
-- Flows: F1 etl-flow-one ["db","blue"] (deployed), F2 Flow-Two [] (no
-- deployment), F3 report_three ["blue"] (deployed).
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SELECT regress.fr('{"flows": {}}') AS "all (every run has its flow)";

-- id
SELECT regress.fr('{"flows": {"id": {"any_": ["f1000000-0000-4000-8000-000000000002"]}}}');
SELECT regress.fr('{"flows": {"id": {"any_": []}}}');
SELECT regress.fr('{"flows": {"id": {"not_any_": ["f1000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.fr('{"flows": {"id": {"not_any_": []}}}');

-- deployment.is_null_: the flow has no deployment at all, or has one
SELECT regress.fr('{"flows": {"deployment": {"is_null_": true}}}');
SELECT regress.fr('{"flows": {"deployment": {"is_null_": false, "operator": "or_"}}}');

-- name: any_ exact, like_ ILIKE without escaping
SELECT regress.fr('{"flows": {"name": {"any_": ["Flow-Two"]}}}');
SELECT regress.fr('{"flows": {"name": {"any_": ["flow-two"]}}}');
SELECT regress.fr('{"flows": {"name": {"like_": "FLOW"}}}');
SELECT regress.fr('{"flows": {"name": {"like_": "t_three"}}}');
SELECT regress.fr('{"flows": {"name": {"like_": "w\\-"}}}');

-- tags: all_ and is_null_ (there is no any_)
SELECT regress.fr('{"flows": {"tags": {"all_": ["blue"]}}}');
SELECT regress.fr('{"flows": {"tags": {"all_": ["db", "blue"]}}}');
SELECT regress.fr('{"flows": {"tags": {"is_null_": true}}}');
SELECT regress.fr('{"flows": {"tags": {"operator": "or_", "all_": ["db"], "is_null_": true}}}');

-- operator
SELECT regress.fr('{"flows": {"operator": "or_", "name": {"any_": ["Flow-Two"]},
                              "tags": {"all_": ["db"]}}}');
-- the TRUE quirk: an empty sub-filter under or_ matches every flow
SELECT regress.fr('{"flows": {"operator": "or_", "name": {}, "tags": {"all_": ["x"]}}}');
