-- Loaded into every test database after CREATE EXTENSION flow_history.
--
-- STAND-INS until the lead's merge (they are created only where the real
-- functions do not exist yet, so they vanish by themselves once version 1.1
-- of the extension provides them):
--  * flow_run_history_json_text / task_run_history_json_text: the real ones
--    build the text in one pass; these convert the jsonb answer;
--  * flow_history_request_errors: sql_fragments/request_errors.sql, until it
--    is folded into the 1.1 scripts.
DO $$
DECLARE
    ext_schema text := (SELECT n.nspname FROM pg_extension e
                          JOIN pg_namespace n ON n.oid = e.extnamespace
                         WHERE e.extname = 'flow_history');
BEGIN
    IF to_regprocedure(format('%I.flow_run_history_json_text(jsonb)', ext_schema)) IS NULL THEN
        EXECUTE format('CREATE FUNCTION %I.flow_run_history_json_text(request jsonb) RETURNS text'
                       ' LANGUAGE sql STABLE AS ''SELECT %I.flow_run_history_json($1)::text''',
                       ext_schema, ext_schema);
        EXECUTE format('CREATE FUNCTION %I.task_run_history_json_text(request jsonb) RETURNS text'
                       ' LANGUAGE sql STABLE AS ''SELECT %I.task_run_history_json($1)::text''',
                       ext_schema, ext_schema);
    END IF;
    IF to_regprocedure(format('%I.flow_history_request_errors(jsonb, text)', ext_schema)) IS NULL THEN
        EXECUTE format('CREATE FUNCTION %I.flow_history_request_errors(request jsonb,'
                       ' run_type text DEFAULT ''flow_run'') RETURNS jsonb'
                       ' AS ''$libdir/flow_history'', ''flow_history_request_errors'''
                       ' LANGUAGE C STRICT STABLE PARALLEL UNSAFE', ext_schema);
    END IF;
END
$$;
