-- schema_resolution: Prefect's tables are found through the caller's
-- search_path, or in the schema named by flow_history.schema.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

-- a second, smaller Prefect database in schema prefect_b
CREATE SCHEMA prefect_b;
SET search_path = prefect_b, public;
\set ECHO none
SET client_min_messages = warning;
\i test/fixtures/prefect_schema.sql
RESET client_min_messages;
\set ECHO all
INSERT INTO prefect_b.flow (id, name) VALUES ('f2000000-0000-4000-8000-000000000001', 'b-flow');
INSERT INTO prefect_b.flow_run (id, name, flow_id, state_type, state_name, expected_start_time)
VALUES ('e3000000-0000-4000-8000-000000000001', 'b-run', 'f2000000-0000-4000-8000-000000000001',
        'COMPLETED', 'OnlyInB', '2024-01-01 01:00Z');
RESET search_path;

SELECT regress.fr() AS "public, through search_path";
SET search_path = prefect_b, public;
SELECT regress.fr() AS "prefect_b, through search_path";
RESET search_path;

SET flow_history.schema = 'prefect_b';
SELECT regress.fr() AS "prefect_b, pinned";
SELECT regress.fr('{"flows": {"name": {"any_": ["b-flow"]}}}') AS "joins stay in prefect_b";
SELECT flow_history_explain(regress.request('{"flows": {}}')) ~ 'FROM prefect_b\.flow_run fr' AS qualified,
       flow_history_explain(regress.request('{"flows": {}}')) ~ 'FROM prefect_b\.flow f' AS qualified_join;
SET flow_history.schema = 'public';
SELECT regress.fr() AS "public, pinned";

-- names that need quoting
CREATE SCHEMA "Prefect Data";
CREATE TABLE "Prefect Data".flow_run (LIKE public.flow_run INCLUDING ALL);
INSERT INTO "Prefect Data".flow_run (id, name, flow_id, state_type, state_name, expected_start_time)
VALUES ('e3000000-0000-4000-8000-000000000002', 'quoted', 'f2000000-0000-4000-8000-000000000001',
        'FAILED', 'QuotedSchema', '2024-01-01 01:00Z');
SET flow_history.schema = 'Prefect Data';
SELECT regress.fr() AS "Prefect Data";
SELECT flow_history_explain(regress.request()) ~ 'FROM "Prefect Data"\.flow_run fr' AS quoted;

-- missing schema, missing tables
SET flow_history.schema = 'no_such_schema';
SELECT regress.ferr('{}');
SET flow_history.schema = 'regress';
SELECT regress.ferr('{}');
SET flow_history.schema = 'Prefect Data';
SELECT regress.ferr('{"flows": {}}') AS "flow_run there, flow not";
RESET flow_history.schema;
SET search_path = regress;
SELECT public.flow_run_history_json(regress.request());
RESET search_path;

-- the extension can move (it is relocatable): the aggregate is found in its schema
CREATE SCHEMA fh;
ALTER EXTENSION flow_history SET SCHEMA fh;
SELECT fh.flow_run_history_json(regress.request('{"flow_runs": {"name": {"any_": ["brave-fox"]}}}'))
       -> 0 -> 'states' -> 0 ->> 'state_name' AS moved;
ALTER EXTENSION flow_history SET SCHEMA public;
DROP SCHEMA fh;

DROP SCHEMA "Prefect Data" CASCADE;
DROP SCHEMA prefect_b CASCADE;
