-- explain: flow_history_explain shows the query a request compiles to, and
-- its parameters.  Every user value is a parameter; now() is masked here.
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE FUNCTION pg_temp.explain(request jsonb, run_type text DEFAULT 'flow_run') RETURNS SETOF text
LANGUAGE sql AS $$
  SELECT regexp_split_to_table(regexp_replace(regexp_replace(flow_history_explain(request, run_type),
                                '= [^ ]+ (\(timestamp with time zone\): now\(\))', '= <now> \1'),
                                '= \{[^}]*\} (\(bigint\[\]\): state type keys)',
                                '= <hashenumextended of each label> \1'), E'\n')
$$;

SELECT * FROM pg_temp.explain(regress.request());
SELECT * FROM pg_temp.explain(regress.request(
  '{"flow_runs": {"operator": "or_", "state": {"type": {"any_": ["COMPLETED", "FAILED"]}},
                  "name": {"like_": "fox"}, "start_time": {"after_": "2024-01-01T00:00:00+02:00"}},
    "flows": {"tags": {"all_": ["db"]}},
    "work_queues": {"name": {"startswith_": ["wq", "def"]}}}'));
-- the API page's request: every filter object
\set seed `cat test/fixtures/seed_request.json`
SELECT * FROM pg_temp.explain(:'seed');
SELECT * FROM pg_temp.explain(:'seed', 'task_run');
-- task-run history: the short cut and the EXISTS path
SELECT * FROM pg_temp.explain(regress.request('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}}}'), 'task_run');
SELECT * FROM pg_temp.explain(regress.request('{"flow_runs": {"name": {"any_": ["brave-fox"]}}, "deployments": {}}'), 'task_run');
-- injection attempts are parameter values, never SQL
SELECT * FROM pg_temp.explain(regress.request($$ {"flow_runs": {"name": {"any_": ["x'); DROP TABLE flow_run; --", "$1"], "like_": "%' OR '1'='1"}}} $$));

SELECT flow_history_explain(regress.request(), 'deployment');
