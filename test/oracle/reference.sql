-- test/oracle/reference.sql
--
-- The differential oracle's reference implementation: the query Prefect's
-- server issues on PostgreSQL for POST /api/flow_runs/history and
-- POST /api/task_runs/history (run_history.py and the ORM's estimate
-- expressions at Prefect 3.8.4.dev6), written as plain SQL; the rules it
-- follows are stated in doc/intervals.md and doc/estimates.md.  It shares no
-- code with the extension.
--
--   oracle.reference_history(run_type text, request jsonb, where_sql text) RETURNS jsonb
--
-- run_type is 'flow_run' or 'task_run'. Only history_start, history_end and
-- history_interval_seconds are read from request; the filters are given as
-- where_sql, the WHERE clause Prefect's filter compiler produces for the
-- request, written by hand (test/oracle/cases.sql). It is spliced verbatim
-- into the runs subquery, whose table is named as Prefect names it
-- (flow_run or task_run, no alias), so it can use the table names as
-- SQLAlchemy writes them: flow_run, task_run, flow, deployment, work_queue,
-- work_pool. This is test code over our own corpus: where_sql is trusted.
--
-- The answer has Prefect's shape: an array of
--   {"interval_start", "interval_end", "states": [{"state_type", "state_name",
--    "count_runs", "sum_estimated_run_time", "sum_estimated_lateness"}, ...]}
-- in interval order, empty intervals with "states": [], datetimes in UTC as
-- YYYY-MM-DDTHH:MM:SS[.ffffff]Z, sums as exact numeric seconds.
--
-- Prefect's tables are found through search_path, as the extension finds them.

CREATE SCHEMA IF NOT EXISTS oracle;

-- A date-time input as pydantic reads it (doc/request.md), for the forms the corpus
-- uses: ISO 8601 strings (no offset = UTC, evaluated under TimeZone UTC;
-- fractional seconds truncated to microseconds),
-- and Unix time as a JSON number or a string of digits (seconds, or
-- milliseconds when the absolute value is above 2e10).
CREATE OR REPLACE FUNCTION oracle.parse_datetime(v jsonb) RETURNS timestamptz
LANGUAGE plpgsql STABLE
SET TimeZone = 'UTC'
AS $$
DECLARE
    n numeric;
BEGIN
    IF jsonb_typeof(v) = 'number' THEN
        n := (v #>> '{}')::numeric;
    ELSIF jsonb_typeof(v) = 'string' AND (v #>> '{}') ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' THEN
        n := btrim(v #>> '{}')::numeric;
    ELSIF jsonb_typeof(v) = 'string' THEN
        -- more than 6 fractional digits are truncated (PostgreSQL would round)
        RETURN regexp_replace(v #>> '{}', '(\.[0-9]{6})[0-9]+', '\1')::timestamptz;
    ELSE
        RAISE EXCEPTION 'oracle.parse_datetime: unsupported value %', v;
    END IF;
    IF abs(n) > 2e10 THEN
        n := n / 1000;
    END IF;
    RETURN to_timestamp(0) + n * interval '1 second';
END $$;

-- history_interval_seconds (doc/request.md): a number, a numeric string or a
-- boolean; rounded to the microsecond; sent to PostgreSQL as days plus
-- microseconds (asyncpg splits the timedelta; no month part).
CREATE OR REPLACE FUNCTION oracle.parse_step(v jsonb) RETURNS interval
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    us bigint;
BEGIN
    IF jsonb_typeof(v) = 'boolean' THEN
        us := CASE WHEN v::text = 'true' THEN 1000000 ELSE 0 END;
    ELSIF jsonb_typeof(v) IN ('number', 'string') THEN
        us := round(btrim(v #>> '{}')::numeric * 1000000);
    ELSE
        RAISE EXCEPTION 'oracle.parse_step: unsupported value %', v;
    END IF;
    IF us < 1000000 THEN
        RAISE EXCEPTION 'oracle.parse_step: History interval must not be less than 1 second.';
    END IF;
    RETURN make_interval(days => (us / 86400000000)::int)
           + (us % 86400000000) * interval '1 microsecond';
END $$;

-- Prefect's output format for datetimes (doc/output.md): UTC, seconds always,
-- ".ffffff" (six digits) only when the microseconds are not zero, then "Z".
CREATE OR REPLACE FUNCTION oracle.render_datetime(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
           || CASE WHEN extract(microseconds FROM t AT TIME ZONE 'UTC')::bigint % 1000000 <> 0
                   THEN to_char(t AT TIME ZONE 'UTC', '.US') ELSE '' END
           || 'Z'
$$;

-- The history query of run_history.py, with Prefect's estimate expressions
-- (Run.estimated_run_time and Run.estimated_start_time_delta), as
-- statement text with the window inlined: Prefect's shape exactly, the runs
-- CTE holding only the filters and the intervals meeting the runs in the
-- range join.  The benchmark runs this text as a statement of its own.
-- Run it under TimeZone UTC, as a stock Prefect server's database
-- (doc/compatibility.md, time zones).
CREATE OR REPLACE FUNCTION oracle.reference_sql(run_type text, request jsonb, where_sql text)
RETURNS text
LANGUAGE plpgsql STABLE
SET TimeZone = 'UTC'
AS $fn$
DECLARE
    history_start timestamptz := oracle.parse_datetime(request -> 'history_start');
    history_end   timestamptz := oracle.parse_datetime(request -> 'history_end');
    step          interval    := oracle.parse_step(request -> 'history_interval_seconds');
BEGIN
    IF run_type NOT IN ('flow_run', 'task_run') THEN
        RAISE EXCEPTION 'oracle.reference_sql: run_type must be flow_run or task_run, not %', run_type;
    END IF;
    IF where_sql IS NULL OR btrim(where_sql) = '' THEN
        where_sql := 'TRUE';
    END IF;
    RETURN format($q$
        WITH intervals AS (
            SELECT dt AS interval_start, dt + %5$L::interval AS interval_end
            FROM generate_series(%3$L::timestamptz, %4$L::timestamptz, %5$L::interval) AS dt
            WHERE dt < %4$L::timestamptz
            ORDER BY dt
            LIMIT 500
        ),
        runs AS (
            SELECT %1$I.id,
                   %1$I.expected_start_time,
                   %1$I.state_type,
                   %1$I.state_name,
                   CASE WHEN %1$I.state_type = 'RUNNING'
                        THEN %1$I.total_run_time + now() - %1$I.state_timestamp
                        ELSE %1$I.total_run_time
                   END AS estimated_run_time,
                   CASE WHEN %1$I.start_time > %1$I.expected_start_time
                            THEN %1$I.start_time - %1$I.expected_start_time
                        WHEN %1$I.start_time IS NULL
                             AND %1$I.state_type NOT IN ('COMPLETED', 'CANCELLED', 'FAILED', 'CRASHED')
                             AND %1$I.expected_start_time < now()
                            THEN now() - %1$I.expected_start_time
                        ELSE interval '0'
                   END AS estimated_start_time_delta
            FROM %1$I
            WHERE (%2$s)
        ),
        counts AS (
            SELECT intervals.interval_start,
                   intervals.interval_end,
                   runs.state_type,
                   runs.state_name,
                   count(runs.id) AS count_runs,
                   sum(greatest(0, extract(epoch FROM runs.estimated_run_time))) AS sum_estimated_run_time,
                   sum(greatest(0, extract(epoch FROM runs.estimated_start_time_delta))) AS sum_estimated_lateness
            FROM intervals
            LEFT JOIN runs
                   ON runs.expected_start_time >= intervals.interval_start
                  AND runs.expected_start_time < intervals.interval_end
            GROUP BY intervals.interval_start, intervals.interval_end, runs.state_type, runs.state_name
        ),
        per_interval AS (
            SELECT interval_start,
                   interval_end,
                   coalesce(jsonb_agg(jsonb_build_object(
                                'state_type', state_type,
                                'state_name', state_name,
                                'count_runs', count_runs,
                                'sum_estimated_run_time', sum_estimated_run_time,
                                'sum_estimated_lateness', sum_estimated_lateness))
                            FILTER (WHERE count_runs > 0),
                            '[]'::jsonb) AS states
            FROM counts
            GROUP BY interval_start, interval_end
        )
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                            'interval_start', oracle.render_datetime(interval_start),
                            'interval_end', oracle.render_datetime(interval_end),
                            'states', states)
                        ORDER BY interval_start),
                        '[]'::jsonb)
        FROM per_interval
    $q$, run_type, where_sql, history_start, history_end, step);
END $fn$;

-- The reference's answer.  now() is the calling transaction's start.
CREATE OR REPLACE FUNCTION oracle.reference_history(run_type text, request jsonb, where_sql text)
RETURNS jsonb
LANGUAGE plpgsql VOLATILE
SET TimeZone = 'UTC'
AS $fn$
DECLARE
    result jsonb;
BEGIN
    EXECUTE oracle.reference_sql(run_type, request, where_sql) INTO result;
    RETURN result;
END $fn$;

-- The corpus (filled by test/oracle/cases.sql).
CREATE TABLE IF NOT EXISTS oracle.cases (
    name      text PRIMARY KEY,
    run_type  text NOT NULL CHECK (run_type IN ('flow_run', 'task_run')),
    request   jsonb NOT NULL,
    where_sql text NOT NULL DEFAULT 'TRUE'
);
