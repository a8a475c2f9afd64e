/* flow_history--1.0.sql */

\echo Use "CREATE EXTENSION flow_history" to load this file. \quit

-- The aggregate behind every history function: raw run columns in, the
-- per-interval, per-state counts and sums out (an opaque bytea read back by
-- the history functions).  Exposed so that Postgres can run it in parallel.
CREATE FUNCTION flow_history_bucket_transfn(internal, timestamptz, anyenum, text, interval,
                                            timestamptz, timestamptz, timestamptz, bigint,
                                            integer, timestamptz)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION flow_history_bucket_combinefn(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION flow_history_bucket_serialfn(internal)
RETURNS bytea
AS 'MODULE_PATHNAME' LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION flow_history_bucket_deserialfn(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME' LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE flow_history_bucket_agg(expected_start_time timestamptz,
                                         state_type anyenum,
                                         state_name text,
                                         total_run_time interval,
                                         state_timestamp timestamptz,
                                         start_time timestamptz,
                                         origin timestamptz,
                                         step_us bigint,
                                         nbuckets integer,
                                         now timestamptz) (
    SFUNC = flow_history_bucket_transfn,
    STYPE = internal,
    FINALFUNC = flow_history_bucket_serialfn,
    COMBINEFUNC = flow_history_bucket_combinefn,
    SERIALFUNC = flow_history_bucket_serialfn,
    DESERIALFUNC = flow_history_bucket_deserialfn,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE flow_history_bucket_agg(timestamptz, anyenum, text, interval, timestamptz,
                                             timestamptz, timestamptz, bigint, integer, timestamptz)
IS 'internal to flow_history: buckets runs by expected_start_time and sums Prefect''s estimates';

-- Flow-run history: Prefect's POST /api/flow_runs/history, body as jsonb.
CREATE FUNCTION flow_run_history(request jsonb)
RETURNS TABLE (interval_start timestamptz, interval_end timestamptz,
               state_type text, state_name text, count_runs bigint,
               sum_estimated_run_time interval, sum_estimated_lateness interval)
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION flow_run_history_json(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_json'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

CREATE FUNCTION flow_run_history(history_start timestamptz, history_end timestamptz,
                                 history_interval interval, filters jsonb DEFAULT '{}')
RETURNS TABLE (interval_start timestamptz, interval_end timestamptz,
               state_type text, state_name text, count_runs bigint,
               sum_estimated_run_time interval, sum_estimated_lateness interval)
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION flow_run_history_json(history_start timestamptz, history_end timestamptz,
                                      history_interval interval, filters jsonb DEFAULT '{}')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_json_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

-- Task-run history: Prefect's POST /api/task_runs/history.
CREATE FUNCTION task_run_history(request jsonb)
RETURNS TABLE (interval_start timestamptz, interval_end timestamptz,
               state_type text, state_name text, count_runs bigint,
               sum_estimated_run_time interval, sum_estimated_lateness interval)
AS 'MODULE_PATHNAME', 'flow_history_task_run_history'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION task_run_history_json(request jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_json'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

CREATE FUNCTION task_run_history(history_start timestamptz, history_end timestamptz,
                                 history_interval interval, filters jsonb DEFAULT '{}')
RETURNS TABLE (interval_start timestamptz, interval_end timestamptz,
               state_type text, state_name text, count_runs bigint,
               sum_estimated_run_time interval, sum_estimated_lateness interval)
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE ROWS 100;

CREATE FUNCTION task_run_history_json(history_start timestamptz, history_end timestamptz,
                                      history_interval interval, filters jsonb DEFAULT '{}')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_json_args'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

-- The query a request compiles to, with its parameters; nothing is run.
CREATE FUNCTION flow_history_explain(request jsonb, run_type text DEFAULT 'flow_run')
RETURNS text
AS 'MODULE_PATHNAME', 'flow_history_explain'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

COMMENT ON FUNCTION flow_run_history(jsonb) IS
'Prefect flow-run history: one row per interval and state for a POST /api/flow_runs/history body';
COMMENT ON FUNCTION flow_run_history_json(jsonb) IS
'Prefect flow-run history: the JSON response of POST /api/flow_runs/history';
COMMENT ON FUNCTION flow_run_history(timestamptz, timestamptz, interval, jsonb) IS
'Prefect flow-run history for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION flow_run_history_json(timestamptz, timestamptz, interval, jsonb) IS
'Prefect flow-run history as JSON for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION task_run_history(jsonb) IS
'Prefect task-run history: one row per interval and state for a POST /api/task_runs/history body';
COMMENT ON FUNCTION task_run_history_json(jsonb) IS
'Prefect task-run history: the JSON response of POST /api/task_runs/history';
COMMENT ON FUNCTION task_run_history(timestamptz, timestamptz, interval, jsonb) IS
'Prefect task-run history for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION task_run_history_json(timestamptz, timestamptz, interval, jsonb) IS
'Prefect task-run history as JSON for a window and interval; filters holds the filter objects';
COMMENT ON FUNCTION flow_history_explain(jsonb, text) IS
'The SQL query and parameters a history request compiles to (run_type flow_run or task_run)';
