-- test/reliability/distinct_states.sql
--
-- A flow_run table whose runs have distinct state names, as any API client
-- can make them (Prefect accepts a proposed state with any name), in a
-- schema of its own: only the columns a history call reads, an enum
-- state_type and the expected_start_time index.  Point the extension at it
-- with SET flow_history.schema = 'distinct_states'.
--
--   psql -v runs=1000000 -v names=1000000 -f test/reliability/distinct_states.sql
--
-- runs   flow runs, expected within one hour from 2024-01-01 00:00Z, in order
-- names  distinct state names, given to consecutive runs in equal blocks
--        (with fewer names than runs, a name's runs share an interval or two)
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS distinct_states CASCADE;
CREATE SCHEMA distinct_states;
CREATE TYPE distinct_states.state_type AS ENUM (
    'SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED',
    'CANCELLED', 'CRASHED', 'PAUSED', 'CANCELLING');
CREATE TABLE distinct_states.flow_run (
    expected_start_time timestamptz,
    state_type          distinct_states.state_type,
    state_name          varchar,
    total_run_time      interval NOT NULL DEFAULT '0',
    state_timestamp     timestamptz,
    start_time          timestamptz
);
INSERT INTO distinct_states.flow_run
SELECT timestamptz '2024-01-01 00:00Z' + (i * (3600000000 / :runs)) * interval '1 microsecond',
       (ARRAY['COMPLETED', 'FAILED', 'RUNNING', 'SCHEDULED']::distinct_states.state_type[])[1 + i % 4],
       'state-' || (i::bigint * :names / :runs),
       (i % 600) * interval '1 second',
       timestamptz '2024-01-01 00:00Z' + (i % 3600) * interval '1 second',
       CASE WHEN i % 4 < 3 THEN timestamptz '2024-01-01 00:00Z' + (i % 3600) * interval '1 second' END
  FROM generate_series(0, :runs - 1) AS i;
CREATE INDEX ON distinct_states.flow_run (expected_start_time);
VACUUM ANALYZE distinct_states.flow_run;
