-- hijack: a role that may create objects in the extension's schema (public,
-- as in every database created before PostgreSQL 15) plants an aggregate
-- with the run columns' exact types, operators on the columns' exact types
-- for every operator the generated query uses, functions and types named
-- like the built-ins the query names.  Each runs a function that tries to
-- make its owner superuser and says so.  A superuser's history calls, over
-- requests that use every filter kind, must run none of them, with the
-- default search_path and with public ahead of pg_catalog.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

CREATE ROLE regress_hijacker;
GRANT CREATE ON SCHEMA public TO regress_hijacker;

-- One request per leaf of the API page's request (every filter kind), over
-- the main window, for both endpoints; built before anything is planted.
CREATE FUNCTION pg_temp.nest(path text[], leaf jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN REVERSE cardinality(path)..1 LOOP
    leaf := jsonb_build_object(path[i], leaf);
  END LOOP;
  RETURN leaf;
END
$$;
\set seed `cat test/fixtures/seed_request.json`
CREATE TEMP TABLE hijack_request AS
WITH RECURSIVE leaf(path, value) AS (
  SELECT ARRAY[key], value FROM jsonb_each(:'seed'::jsonb)
   WHERE key NOT LIKE 'history%'
  UNION ALL
  SELECT l.path || e.key, e.value
    FROM leaf l, jsonb_each(l.value) e
   WHERE jsonb_typeof(l.value) = 'object'
)
SELECT row_number() OVER (ORDER BY r.run_type, l.path) AS id, r.run_type, l.path,
       regress.request(pg_temp.nest(l.path, l.value)) AS body
  FROM leaf l,
       (VALUES ('flow_run'), ('task_run')) AS r(run_type)
 WHERE jsonb_typeof(l.value) <> 'object'
   AND NOT (r.run_type = 'task_run' AND l.path[1] IN ('work_pools', 'work_queues'));
-- and requests whose conditions match rows, so that every operator is evaluated
INSERT INTO hijack_request
SELECT 1000 + row_number() OVER (), r.run_type, NULL, regress.request(f.filters)
  FROM (VALUES ('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": []}}}}'::jsonb),
               ('{"flow_runs": {"state": {"type": {"not_any_": ["FAILED"]}, "name": {"not_any_": ["x"]}}}}'),
               ('{"flow_runs": {"name": {"like_": "o"}, "tags": {"any_": ["db"], "is_null_": false}}}'),
               ('{"flow_runs": {"start_time": {"after_": "2000-01-01T00:00:00Z"}, "created_by": {"type_": ["x"], "id_": []}}}'),
               ('{"flow_runs": {"operator": "or_", "id": {"not_any_": ["e0000000-0000-4000-8000-000000000001"]}, "end_time": {"before_": "2100-01-01T00:00:00Z"}}}'),
               ('{"flows": {"name": {"like_": "flow"}, "tags": {"is_null_": true}, "deployment": {"is_null_": false}}}'),
               ('{"deployments": {"flow_or_deployment_name": {"like_": "e"}, "paused": {"eq_": false}, "tags": {"is_null_": false}}}'),
               ('{"work_pools": {"name": {"any_": ["pool-a", "pool-b"]}}, "work_queues": {"name": {"startswith_": ["w", "d"]}}}'),
               ('{"task_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED"]}}, "subflow_runs": {"exists_": false}}}'),
               ('{"task_runs": {"flow_run_id": {"is_null_": false}, "tags": {"all_": ["db"]}}}')) AS f(filters),
       (VALUES ('flow_run'), ('task_run')) AS r(run_type)
 WHERE NOT (r.run_type = 'task_run' AND f.filters ? 'work_pools');
SELECT count(*) AS requests, count(DISTINCT path[1]) AS filter_objects FROM hijack_request;

-- the operators the generated queries use, as flow_history_explain shows them
CREATE TEMP TABLE hijack_operator AS
SELECT DISTINCT m[1] AS op
  FROM hijack_request,
       regexp_matches(flow_history_explain(body, run_type), 'OPERATOR\(pg_catalog\.([^)]+)\)', 'g') AS m;
SELECT string_agg(op, ' ' ORDER BY op) AS operators FROM hijack_operator;
-- and no operator outside OPERATOR(pg_catalog.x), no unqualified type after ::
SELECT id, run_type, path
  FROM hijack_request
 WHERE regexp_replace(regexp_replace(regexp_replace(
         regexp_replace(flow_history_explain(body, run_type), '--[^\n]*', '', 'g'),
         '''[^'']*''', '', 'g'), 'OPERATOR\(pg_catalog\.[^)]+\)', '', 'g'),
         '::pg_catalog\.[a-z0-9_]+(\[\])?', '', 'g') ~ '[-=<>!~*+/?|&@#%^]|::';

-- one transaction, so that now() and hence every estimate is the same
BEGIN;
CREATE TEMP TABLE hijack_before AS
SELECT id, CASE run_type WHEN 'flow_run' THEN flow_run_history_json(body)
                         ELSE task_run_history_json(body) END AS answer
  FROM hijack_request;

GRANT SELECT ON hijack_operator TO regress_hijacker;
SET ROLE regress_hijacker;
CREATE FUNCTION public.regress_pwn() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'hijacked: running as %', current_user;
  BEGIN
    ALTER ROLE regress_hijacker SUPERUSER;
  EXCEPTION WHEN insufficient_privilege THEN NULL;
  END;
  RETURN true;
END
$$;
-- aggregates with the columns' exact types, in the shape of 1.0's call and
-- of this version's (state_type and varchar where it passes int8 and text)
DO $$
DECLARE
  signature text;
BEGIN
  FOREACH signature IN ARRAY ARRAY[
    'timestamptz, state_type, varchar, interval, timestamptz, timestamptz, timestamptz, bigint, integer, timestamptz',
    'timestamptz, state_type, varchar, interval, timestamptz, timestamptz, timestamptz, bigint, integer, timestamptz, bigint[], text[]',
    'timestamptz, bigint, varchar, interval, timestamptz, timestamptz, timestamptz, bigint, integer, timestamptz, bigint[], text[]']
  LOOP
    EXECUTE format('CREATE FUNCTION public.regress_pwn_sfunc(bytea, %s) RETURNS bytea LANGUAGE plpgsql '
                   'AS ''BEGIN PERFORM public.regress_pwn(); RETURN $1; END''', signature);
    EXECUTE format('CREATE AGGREGATE public.flow_history_bucket_agg(%s) '
                   '(SFUNC = public.regress_pwn_sfunc, STYPE = bytea)', signature);
  END LOOP;
END
$$;
-- the call's own types cannot be taken: that overload is the extension's
SAVEPOINT own_types;
CREATE FUNCTION public.regress_pwn_sfunc(bytea, timestamptz, bigint, text, interval, timestamptz,
                                         timestamptz, timestamptz, bigint, integer, timestamptz,
                                         bigint[], text[])
RETURNS bytea LANGUAGE plpgsql AS 'BEGIN PERFORM public.regress_pwn(); RETURN $1; END';
CREATE AGGREGATE public.flow_history_bucket_agg(timestamptz, bigint, text, interval, timestamptz,
                                                timestamptz, timestamptz, bigint, integer, timestamptz,
                                                bigint[], text[])
  (SFUNC = public.regress_pwn_sfunc, STYPE = bytea);
ROLLBACK TO SAVEPOINT own_types;
CREATE FUNCTION public.hashenumextended(state_type, bigint) RETURNS bigint
LANGUAGE plpgsql AS $$ BEGIN PERFORM public.regress_pwn(); RETURN 0; END $$;
-- every operator the queries use, on every pair of the columns' and values' types
DO $$
DECLARE
  types text[] := ARRAY['state_type', 'character varying', 'text', 'uuid', 'jsonb',
                        'timestamp with time zone', 'boolean', 'text[]'];
  l text;
  r text;
  op text;
BEGIN
  FOREACH l IN ARRAY types LOOP
    FOREACH r IN ARRAY types LOOP
      EXECUTE format('CREATE FUNCTION public.regress_pwn_op(%s, %s) RETURNS boolean '
                     'LANGUAGE sql AS ''SELECT public.regress_pwn()''', l, r);
      EXECUTE format('CREATE FUNCTION public.regress_pwn_op_text(%s, %s) RETURNS text '
                     'LANGUAGE sql AS ''SELECT public.regress_pwn()::text''', l, r);
      FOR op IN SELECT h.op FROM hijack_operator h LOOP
        EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = %s)',
                       op, l, r, CASE op WHEN '->>' THEN 'public.regress_pwn_op_text'
                                         ELSE 'public.regress_pwn_op' END);
      END LOOP;
    END LOOP;
  END LOOP;
END
$$;
-- types named like the built-ins the query casts to
CREATE DOMAIN public.text AS pg_catalog.text CHECK (public.regress_pwn());
CREATE DOMAIN public.jsonb AS pg_catalog.jsonb CHECK (public.regress_pwn());
CREATE DOMAIN public.int8 AS pg_catalog.int8 CHECK (public.regress_pwn());
CREATE DOMAIN public.int4 AS pg_catalog.int4 CHECK (public.regress_pwn());
CREATE DOMAIN public.timestamptz AS pg_catalog.timestamptz CHECK (public.regress_pwn());
CREATE DOMAIN public.interval AS pg_catalog.interval CHECK (public.regress_pwn());
RESET ROLE;

-- the plants are live: an unqualified query with public first runs them
SAVEPOINT live;
SET LOCAL search_path = public, pg_catalog;
SELECT 'COMPLETED'::pg_catalog.text::state_type = 'COMPLETED'::pg_catalog.text::state_type
       AS planted_operator_ran;
ROLLBACK TO SAVEPOINT live;

-- the same answers, and nothing planted runs
SELECT count(*) AS requests,
       count(*) FILTER (WHERE b.answer IS DISTINCT FROM
                              CASE r.run_type WHEN 'flow_run' THEN flow_run_history_json(r.body)
                                              ELSE task_run_history_json(r.body) END) AS different
  FROM hijack_request r JOIN hijack_before b USING (id);
-- with public ahead of pg_catalog; the statements here use no operator
-- themselves, since they would take the planted ones
CREATE TEMP TABLE hijack_flow AS SELECT id, body FROM hijack_request WHERE run_type = 'flow_run';
CREATE TEMP TABLE hijack_task AS SELECT id, body FROM hijack_request WHERE run_type = 'task_run';
SET search_path = public, pg_catalog;
CREATE TEMP TABLE hijack_after AS
SELECT id, flow_run_history_json(body) AS answer FROM hijack_flow
UNION ALL
SELECT id, task_run_history_json(body) FROM hijack_task;
CREATE TEMP TABLE hijack_rows AS
SELECT (SELECT count(*) FROM flow_run_history(body)) AS rows,
       (SELECT count(*) FROM flow_run_history('2024-01-01 00:00Z'::pg_catalog.timestamptz,
                                              '2024-01-01 03:00Z'::pg_catalog.timestamptz,
                                              '1 hour'::pg_catalog.interval)) AS psql_rows,
       flow_history_explain(body) AS explained
  FROM hijack_flow
UNION ALL
SELECT (SELECT count(*) FROM task_run_history(body)),
       (SELECT count(*) FROM task_run_history('2024-01-01 00:00Z'::pg_catalog.timestamptz,
                                              '2024-01-01 03:00Z'::pg_catalog.timestamptz,
                                              '1 hour'::pg_catalog.interval)),
       flow_history_explain(body, 'task_run'::pg_catalog.text)
  FROM hijack_task;
RESET search_path;
SELECT count(*) AS requests, count(*) FILTER (WHERE b.answer IS DISTINCT FROM a.answer) AS different
  FROM hijack_before b JOIN hijack_after a USING (id);
SELECT count(*) AS calls, sum(rows) AS rows, min(psql_rows) AS psql_rows,
       bool_and(explained IS NOT NULL) AS explained
  FROM hijack_rows;
COMMIT;
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_hijacker';

-- clean up
DROP OWNED BY regress_hijacker;
DROP ROLE regress_hijacker;

-- Whatever the aggregate returns is checked against the request before it
-- is read: here a superuser swaps in an aggregate that returns a real state
-- of 1 interval, then bytes that are no state at all, for 500-interval calls.
CREATE TEMP TABLE one_interval_state AS
SELECT flow_history_bucket_agg(expected_start_time, hashenumextended(state_type, 0), state_name,
                               total_run_time, state_timestamp, start_time, '2024-01-01 00:00Z',
                               3600000000, 1, now(), type_keys, type_labels) AS state
  FROM flow_run,
       (SELECT array_agg(hashenumextended(label, 0) ORDER BY label) AS type_keys,
               array_agg(label::text ORDER BY label) AS type_labels
          FROM unnest(enum_range(NULL::state_type)) AS label) AS state_types;
SELECT state IS NOT NULL AS has_state FROM one_interval_state;
CREATE FUNCTION pg_temp.keep(bytea, timestamptz, bigint, text, interval, timestamptz, timestamptz,
                             timestamptz, bigint, integer, timestamptz, bigint[], text[])
RETURNS bytea LANGUAGE sql AS 'SELECT $1';
BEGIN;
ALTER AGGREGATE flow_history_bucket_agg(timestamptz, bigint, text, interval, timestamptz, timestamptz,
                                        timestamptz, bigint, integer, timestamptz, bigint[], text[])
  RENAME TO flow_history_bucket_agg_aside;
\set ECHO none
SELECT format('CREATE AGGREGATE flow_history_bucket_agg(timestamptz, bigint, text, interval, timestamptz,
                 timestamptz, timestamptz, bigint, integer, timestamptz, bigint[], text[])
               (SFUNC = pg_temp.keep, STYPE = bytea, INITCOND = %L)', '\x' || encode(state, 'hex'))
  FROM one_interval_state \gexec
\set ECHO all
SELECT regress.err('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T05:00:00Z",
                     "history_interval_seconds": 36}');
ROLLBACK;
BEGIN;
ALTER AGGREGATE flow_history_bucket_agg(timestamptz, bigint, text, interval, timestamptz, timestamptz,
                                        timestamptz, bigint, integer, timestamptz, bigint[], text[])
  RENAME TO flow_history_bucket_agg_aside;
CREATE AGGREGATE flow_history_bucket_agg(timestamptz, bigint, text, interval, timestamptz,
                 timestamptz, timestamptz, bigint, integer, timestamptz, bigint[], text[])
  (SFUNC = pg_temp.keep, STYPE = bytea, INITCOND = '\x00000002ffff');
SELECT regress.err('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-01T05:00:00Z",
                     "history_interval_seconds": 36}');
ROLLBACK;
