-- flow_history_request_errors: the validation errors of a request body in
-- Prefect's 422 shape.  A fragment for the 1.1 scripts (flow_history--1.1.sql
-- and flow_history--1.0--1.1.sql): the lead folds it in and deletes this file.

CREATE FUNCTION flow_history_request_errors(request jsonb, run_type text DEFAULT 'flow_run')
RETURNS jsonb
AS 'MODULE_PATHNAME', 'flow_history_request_errors'
-- PARALLEL UNSAFE: it validates inside a subtransaction, which parallel workers cannot start
LANGUAGE C STRICT STABLE PARALLEL UNSAFE;

COMMENT ON FUNCTION flow_history_request_errors(jsonb, text)
IS 'validation errors of a history request body, as Prefect''s 422 items: [] when Prefect accepts it';
