/* flow_history--1.0--1.1.sql */

\echo Use "ALTER EXTENSION flow_history UPDATE TO '1.1'" to load this file. \quit

-- 1.0's aggregate took state_type as anyenum: a role allowed to create
-- functions in the extension's schema could add an overload on the
-- column's own type, which a history call would then run with the
-- caller's privileges.  Replace it with one whose arguments are all
-- concrete (its support functions change with it).
DROP AGGREGATE flow_history_bucket_agg(pg_catalog.timestamptz, pg_catalog.anyenum, pg_catalog.text,
                                       pg_catalog.interval, pg_catalog.timestamptz,
                                       pg_catalog.timestamptz, pg_catalog.timestamptz,
                                       pg_catalog.int8, pg_catalog.int4, pg_catalog.timestamptz);
DROP FUNCTION flow_history_bucket_transfn(pg_catalog.internal, pg_catalog.timestamptz,
                                          pg_catalog.anyenum, pg_catalog.text, pg_catalog.interval,
                                          pg_catalog.timestamptz, pg_catalog.timestamptz,
                                          pg_catalog.timestamptz, pg_catalog.int8, pg_catalog.int4,
                                          pg_catalog.timestamptz);
DROP FUNCTION flow_history_bucket_combinefn(pg_catalog.internal, pg_catalog.internal);
DROP FUNCTION flow_history_bucket_serialfn(pg_catalog.internal);
DROP FUNCTION flow_history_bucket_deserialfn(pg_catalog.bytea, pg_catalog.internal);

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

-- Prefect's JSON as text, built in one pass, for API servers
CREATE FUNCTION flow_run_history_json_text(request pg_catalog.jsonb)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'flow_history_flow_run_history_json_text'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

CREATE FUNCTION task_run_history_json_text(request pg_catalog.jsonb)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'flow_history_task_run_history_json_text'
LANGUAGE C STRICT STABLE PARALLEL SAFE;

COMMENT ON FUNCTION flow_run_history_json_text(pg_catalog.jsonb) IS
'Prefect flow-run history: the JSON response of POST /api/flow_runs/history as text, keys in Prefect''s order';
COMMENT ON FUNCTION task_run_history_json_text(pg_catalog.jsonb) IS
'Prefect task-run history: the JSON response of POST /api/task_runs/history as text, keys in Prefect''s order';
