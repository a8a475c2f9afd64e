/* flow_history--1.1.sql */

\echo Use "CREATE EXTENSION flow_history" to load this file. \quit

-- Every built-in type is written pg_catalog-qualified, and every object is
-- created with CREATE, never adopted: a script run for a database owner
-- (the extension is trusted) resolves nothing another role could plant.

-- The aggregate behind every history function: raw run columns in, the
-- per-interval, per-state counts and sums out (an opaque bytea read back by
-- the history functions).  Exposed so that Postgres can run it in parallel.
-- Every argument has a concrete type, so that no overload another role
-- creates can match the history functions' call better: the state_type
-- enum comes as pg_catalog.hashenumextended(state_type, seed), with the
-- enum's keys and labels in its order as the last two arguments.
CREATE FUNCTION flow_history_bucket_transfn(pg_catalog.internal, pg_catalog.timestamptz,
                                            pg_catalog.int8, pg_catalog.text,
                                            pg_catalog.interval, pg_catalog.timestamptz,
                                            pg_catalog.timestamptz, pg_catalog.timestamptz,
                                            pg_catalog.int8, pg_catalog.int4,
                                            pg_catalog.timestamptz, pg_catalog.int8[],
                                            pg_catalog.text[])
RETURNS pg_catalog.internal
AS 'MODULE_PATHNAME', 'flow_history_bucket_transfn_1_1'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION flow_history_bucket_combinefn(pg_catalog.internal, pg_catalog.internal)
RETURNS pg_catalog.internal
AS 'MODULE_PATHNAME', 'flow_history_bucket_combinefn_1_1'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION flow_history_bucket_serialfn(pg_catalog.internal)
RETURNS pg_catalog.bytea
AS 'MODULE_PATHNAME', 'flow_history_bucket_serialfn_1_1'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION flow_history_bucket_deserialfn(pg_catalog.bytea, pg_catalog.internal)
RETURNS pg_catalog.internal
AS 'MODULE_PATHNAME', 'flow_history_bucket_deserialfn_1_1'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE flow_history_bucket_agg(expected_start_time pg_catalog.timestamptz,
                                         state_type_key pg_catalog.int8,
                                         state_name pg_catalog.text,
                                         total_run_time pg_catalog.interval,
                                         state_timestamp pg_catalog.timestamptz,
                                         start_time pg_catalog.timestamptz,
                                         origin pg_catalog.timestamptz,
                                         step_us pg_catalog.int8,
                                         nbuckets pg_catalog.int4,
                                         now pg_catalog.timestamptz,
                                         state_type_keys pg_catalog.int8[],
                                         state_type_labels pg_catalog.text[]) (
    SFUNC = flow_history_bucket_transfn,
    STYPE = pg_catalog.internal,
    FINALFUNC = flow_history_bucket_serialfn,
    COMBINEFUNC = flow_history_bucket_combinefn,
    SERIALFUNC = flow_history_bucket_serialfn,
    DESERIALFUNC = flow_history_bucket_deserialfn,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE flow_history_bucket_agg(pg_catalog.timestamptz, pg_catalog.int8, pg_catalog.text,
                                             pg_catalog.interval, pg_catalog.timestamptz,
                                             pg_catalog.timestamptz, pg_catalog.timestamptz,
                                             pg_catalog.int8, pg_catalog.int4, pg_catalog.timestamptz,
                                             pg_catalog.int8[], pg_catalog.text[])
IS 'internal to flow_history: buckets runs by expected_start_time and sums Prefect''s estimates';

-- Flow-run history: Prefect's POST /api/flow_runs/history, body as jsonb.
CREATE FUNCTION flow_run_history(request pg_catalog.jsonb)
RETURNS TABLE (interval_start pg_catalog.timestamptz, interval_end pg_catalog.timestamptz,
               state_type pg_catalog.text, state_name pg_catalog.text, count_runs pg_catalog.int8,
               sum_estimated_run_time pg_catalog.interval, sum_estimated_lateness pg_catalog.interval)
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION flow_run_history_json(request pg_catalog.jsonb)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_json'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

-- the same JSON as text, built in one pass: what an API server returns as is
CREATE FUNCTION flow_run_history_json_text(request pg_catalog.jsonb)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_json_text'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

CREATE FUNCTION flow_run_history(history_start pg_catalog.timestamptz, history_end pg_catalog.timestamptz,
                                 history_interval pg_catalog.interval,
                                 filters pg_catalog.jsonb DEFAULT '{}'::pg_catalog.jsonb)
RETURNS TABLE (interval_start pg_catalog.timestamptz, interval_end pg_catalog.timestamptz,
               state_type pg_catalog.text, state_name pg_catalog.text, count_runs pg_catalog.int8,
               sum_estimated_run_time pg_catalog.interval, sum_estimated_lateness pg_catalog.interval)
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION flow_run_history_json(history_start pg_catalog.timestamptz, history_end pg_catalog.timestamptz,
                                      history_interval pg_catalog.interval,
                                      filters pg_catalog.jsonb DEFAULT '{}'::pg_catalog.jsonb)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_json_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

-- Task-run history: Prefect's POST /api/task_runs/history.
CREATE FUNCTION task_run_history(request pg_catalog.jsonb)
RETURNS TABLE (interval_start pg_catalog.timestamptz, interval_end pg_catalog.timestamptz,
               state_type pg_catalog.text, state_name pg_catalog.text, count_runs pg_catalog.int8,
               sum_estimated_run_time pg_catalog.interval, sum_estimated_lateness pg_catalog.interval)
AS 'MODULE_PATHNAME', 'flow_history_task_run_history'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION task_run_history_json(request pg_catalog.jsonb)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_json'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

-- the same JSON as text, built in one pass: what an API server returns as is
CREATE FUNCTION task_run_history_json_text(request pg_catalog.jsonb)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_json_text'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

CREATE FUNCTION task_run_history(history_start pg_catalog.timestamptz, history_end pg_catalog.timestamptz,
                                 history_interval pg_catalog.interval,
                                 filters pg_catalog.jsonb DEFAULT '{}'::pg_catalog.jsonb)
RETURNS TABLE (interval_start pg_catalog.timestamptz, interval_end pg_catalog.timestamptz,
               state_type pg_catalog.text, state_name pg_catalog.text, count_runs pg_catalog.int8,
               sum_estimated_run_time pg_catalog.interval, sum_estimated_lateness pg_catalog.interval)
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION task_run_history_json(history_start pg_catalog.timestamptz, history_end pg_catalog.timestamptz,
                                      history_interval pg_catalog.interval,
                                      filters pg_catalog.jsonb DEFAULT '{}'::pg_catalog.jsonb)
RETURNS pg_catalog.jsonb
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_json_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

-- The query a request compiles to, with its parameters; nothing is run.
CREATE FUNCTION flow_history_explain(request pg_catalog.jsonb,
                                     run_type pg_catalog.text DEFAULT 'flow_run'::pg_catalog.text)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'flow_history_explain'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

COMMENT ON FUNCTION flow_run_history(pg_catalog.jsonb) IS
'Prefect flow-run history: one row per interval and state for a POST /api/flow_runs/history body';
COMMENT ON FUNCTION flow_run_history_json(pg_catalog.jsonb) IS
'Prefect flow-run history: the JSON response of POST /api/flow_runs/history';
COMMENT ON FUNCTION flow_run_history_json_text(pg_catalog.jsonb) IS
'Prefect flow-run history: the JSON response of POST /api/flow_runs/history as text, keys in Prefect''s order';
COMMENT ON FUNCTION flow_run_history(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.jsonb) IS
'Prefect flow-run history for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION flow_run_history_json(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.jsonb) IS
'Prefect flow-run history as JSON for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION task_run_history(pg_catalog.jsonb) IS
'Prefect task-run history: one row per interval and state for a POST /api/task_runs/history body';
COMMENT ON FUNCTION task_run_history_json(pg_catalog.jsonb) IS
'Prefect task-run history: the JSON response of POST /api/task_runs/history';
COMMENT ON FUNCTION task_run_history_json_text(pg_catalog.jsonb) IS
'Prefect task-run history: the JSON response of POST /api/task_runs/history as text, keys in Prefect''s order';
COMMENT ON FUNCTION task_run_history(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.jsonb) IS
'Prefect task-run history for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION task_run_history_json(pg_catalog.timestamptz, pg_catalog.timestamptz, pg_catalog.interval, pg_catalog.jsonb) IS
'Prefect task-run history as JSON for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION flow_history_explain(pg_catalog.jsonb, pg_catalog.text) IS
'The SQL query and parameters a history request compiles to (run_type flow_run or task_run)';
