-- setup: Prefect's schema, the regression dataset, the extension, and
-- helpers shared by the other tests.
\set ECHO none
SET client_min_messages = warning;
\i test/fixtures/prefect_schema.sql
\i test/fixtures/regress_data.sql
RESET client_min_messages;
\set ECHO all

CREATE EXTENSION flow_history;
SELECT extname, extversion FROM pg_extension WHERE extname = 'flow_history';

CREATE SCHEMA regress;

-- A request over the main window, 2024-01-01 00:00Z to 03:00Z, as one
-- 3-hour interval, with the given filter objects.
CREATE FUNCTION regress.request(filters jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT '{"history_start": "2024-01-01T00:00:00Z",
           "history_end": "2024-01-01T03:00:00Z",
           "history_interval_seconds": 10800}'::jsonb || filters
$$;

-- Flow-run history over the main window as "state_name:count ...".  Each
-- run there has its own state name, so this names the matching runs.
CREATE FUNCTION regress.fr(filters jsonb DEFAULT '{}') RETURNS text
LANGUAGE sql AS $$
  SELECT coalesce(string_agg(coalesce(state_name, '<null>') || ':' || count_runs, ' '
                             ORDER BY state_name COLLATE "C"), '-')
    FROM flow_run_history(regress.request(filters)) WHERE count_runs > 0
$$;

-- The same for task-run history.
CREATE FUNCTION regress.tr(filters jsonb DEFAULT '{}') RETURNS text
LANGUAGE sql AS $$
  SELECT coalesce(string_agg(coalesce(state_name, '<null>') || ':' || count_runs, ' '
                             ORDER BY state_name COLLATE "C"), '-')
    FROM task_run_history(regress.request(filters)) WHERE count_runs > 0
$$;

-- SQLSTATE, message and hint of a request, or 'ok'.
CREATE FUNCTION regress.err(request jsonb, run_type text DEFAULT 'flow_run') RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  state text;
  message text;
  hint text;
BEGIN
  IF run_type = 'flow_run' THEN
    PERFORM flow_run_history_json(request);
  ELSE
    PERFORM task_run_history_json(request);
  END IF;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                          hint = PG_EXCEPTION_HINT;
  RETURN state || ': ' || message || CASE WHEN hint <> '' THEN ' [' || hint || ']' ELSE '' END;
END
$$;

-- regress.err over the main window with the given filter objects.
CREATE FUNCTION regress.ferr(filters jsonb, run_type text DEFAULT 'flow_run') RETURNS text
LANGUAGE sql AS $$ SELECT regress.err(regress.request(filters), run_type) $$;

SELECT regress.fr();
SELECT regress.tr();
