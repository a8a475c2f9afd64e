-- security: the functions run with the caller's privileges, so table
-- privileges and row-level security apply, and every filter value is data.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE ROLE regress_fh_reader;
GRANT USAGE ON SCHEMA regress TO regress_fh_reader;

-- no SELECT on flow_run: permission denied
SET ROLE regress_fh_reader;
SELECT regress.ferr('{}');
RESET ROLE;

GRANT SELECT ON flow_run, task_run TO regress_fh_reader;
SET ROLE regress_fh_reader;
SELECT regress.fr() AS "flow_run only";
SELECT regress.ferr('{"flows": {}}') AS "no SELECT on flow";
SELECT regress.ferr('{"work_pools": {}}') AS "no SELECT on work_queue";
RESET ROLE;
GRANT SELECT ON flow, deployment, work_queue, work_pool TO regress_fh_reader;

-- row-level security: the reader sees the runs of flow etl-flow-one only
ALTER TABLE flow_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY regress_fh_f1_only ON flow_run FOR SELECT TO regress_fh_reader
  USING (flow_id = 'f1000000-0000-4000-8000-000000000001');
SET ROLE regress_fh_reader;
SELECT regress.fr() AS "runs of F1 only";
SELECT regress.tr('{"flow_runs": {}}') AS "tasks of visible flow runs";
SELECT regress.fr('{"flows": {"name": {"any_": ["Flow-Two"]}}}') AS "F2 runs stay hidden";
RESET ROLE;
SELECT regress.fr() AS "the owner sees everything";
-- RLS on a joined table narrows its EXISTS
ALTER TABLE deployment ENABLE ROW LEVEL SECURITY;
CREATE POLICY regress_fh_unpaused ON deployment FOR SELECT TO regress_fh_reader USING (NOT paused);
SET ROLE regress_fh_reader;
SELECT regress.fr('{"deployments": {}}') AS "paused deployment hidden";
RESET ROLE;
DROP POLICY regress_fh_unpaused ON deployment;
ALTER TABLE deployment DISABLE ROW LEVEL SECURITY;
DROP POLICY regress_fh_f1_only ON flow_run;
ALTER TABLE flow_run DISABLE ROW LEVEL SECURITY;

-- a pinned schema the caller may not use is refused
CREATE SCHEMA regress_fh_hidden;
CREATE TABLE regress_fh_hidden.flow_run (LIKE public.flow_run);
SET flow_history.schema = 'regress_fh_hidden';
SET ROLE regress_fh_reader;
SELECT regress.ferr('{}');
RESET ROLE;
RESET flow_history.schema;
DROP SCHEMA regress_fh_hidden CASCADE;

-- values are parameters: names full of SQL are matched as plain strings
BEGIN;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time, tags)
VALUES ('e4000000-0000-4000-8000-000000000001', $$x'); DROP TABLE flow_run; --$$,
        'f1000000-0000-4000-8000-000000000002', 'FAILED', 'Injected', '2024-01-01 00:05Z',
        $$["a'b", "$1", "\\", "%", "_", "; SELECT 1"]$$);
SELECT regress.fr($$ {"flow_runs": {"name": {"any_": ["x'); DROP TABLE flow_run; --"]}}} $$) AS exact_name;
SELECT regress.fr($$ {"flow_runs": {"tags": {"all_": ["a'b", "$1", "\\", "%", "_", "; SELECT 1"]}}} $$) AS all_tags;
SELECT regress.fr($$ {"flow_runs": {"tags": {"any_": ["%"]}}} $$) AS "% is a tag, not a pattern";
SELECT regress.fr($$ {"flow_runs": {"name": {"like_": "'); DROP"}}} $$) AS like_quote;
SELECT regress.fr($$ {"flow_runs": {"name": {"any_": ["' OR '1'='1"]}}} $$) AS no_match;
ROLLBACK;
SELECT count(*) > 0 AS flow_run_still_there FROM flow_run;

DROP OWNED BY regress_fh_reader;
DROP ROLE regress_fh_reader;
