-- test/oracle/extra_rows.sql
--
-- Runs the seeded generator does not make, added after it (run.sh) so that
-- the corpus reaches every branch of the estimates and grouping:
--   - runs expected after now() (2099): not late yet, lateness 0;
--   - a RUNNING run whose state_timestamp is in the future: run time clamped to 0;
--   - runs counted with a NULL state_type and/or state_name (Prefect answers
--     HTTP 500 for these; both sides here group them with JSON nulls);
--   - one state name under two state types;
--   - task runs RUNNING without state_timestamp, started early, PAUSED, CANCELLING;
--   - a subflow of a subflow.
-- All on 2024-02-15 between 12:00 and 13:00 (window 'extra' of cases.sql)
-- or in June 2099.  Flow dbt-flow-160 (37e10be4...) and flow run cb44924d...
-- come from the generated data (seed 42).

INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, start_time, end_time, total_run_time, tags)
VALUES
 ('ee000000-0000-4000-8000-000000000001', 'extra-future', '37e10be4-5bdf-4861-a0a4-c13027997811',
  'SCHEDULED', 'Scheduled', '2024-02-15 12:00Z', '2099-06-01 00:10Z', NULL, NULL, '0', '[]'),
 ('ee000000-0000-4000-8000-000000000002', 'extra-future-pending', '37e10be4-5bdf-4861-a0a4-c13027997811',
  'PENDING', 'Pending', '2024-02-15 12:00Z', '2099-06-01 00:20Z', NULL, NULL, '0', '[]'),
 ('ee000000-0000-4000-8000-000000000003', 'extra-running-future-ts', '37e10be4-5bdf-4861-a0a4-c13027997811',
  'RUNNING', 'Running', '2099-01-01 00:00Z', '2024-02-15 12:05Z', '2024-02-15 12:06Z', NULL, '00:00:30', '[]'),
 ('ee000000-0000-4000-8000-000000000004', 'extra-null-state', '37e10be4-5bdf-4861-a0a4-c13027997811',
  NULL, NULL, NULL, '2024-02-15 12:10Z', NULL, NULL, '00:01:00', '[]'),
 ('ee000000-0000-4000-8000-000000000005', 'extra-null-name', '37e10be4-5bdf-4861-a0a4-c13027997811',
  'COMPLETED', NULL, '2024-02-15 12:20Z', '2024-02-15 12:15Z', '2024-02-15 12:16Z', '2024-02-15 12:20Z', '00:04:00', '[]'),
 ('ee000000-0000-4000-8000-000000000006', 'extra-null-type', '37e10be4-5bdf-4861-a0a4-c13027997811',
  NULL, 'Orphan', NULL, '2024-02-15 12:25Z', NULL, NULL, '00:02:00', '["orphan"]'),
 ('ee000000-0000-4000-8000-000000000007', 'extra-pending-named-running', '37e10be4-5bdf-4861-a0a4-c13027997811',
  'PENDING', 'Running', '2024-02-15 12:30Z', '2024-02-15 12:30Z', NULL, NULL, '0', '[]');

INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, state_type, state_name,
                      state_timestamp, expected_start_time, start_time, end_time, total_run_time, tags)
VALUES
 ('ee100000-0000-4000-8000-000000000001', 'extra-running-no-ts', 'cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e',
  'extra', '1', 'RUNNING', 'Running', NULL, '2024-02-15 12:00Z', '2024-02-15 12:01Z', NULL, '00:00:20', '[]'),
 ('ee100000-0000-4000-8000-000000000002', 'extra-early', 'cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e',
  'extra', '2', 'COMPLETED', 'Completed', '2024-02-15 12:09Z', '2024-02-15 12:05Z', '2024-02-15 12:04Z',
  '2024-02-15 12:09Z', '00:05:00', '[]'),
 ('ee100000-0000-4000-8000-000000000003', 'extra-paused', 'cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e',
  'extra', '3', 'PAUSED', 'Paused', '2024-02-15 12:12Z', '2024-02-15 12:10Z', '2024-02-15 12:11Z', NULL,
  '00:01:00', '[]'),
 ('ee100000-0000-4000-8000-000000000004', 'extra-cancelling', 'cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e',
  'extra', '4', 'CANCELLING', 'Cancelling', '2024-02-15 12:22Z', '2024-02-15 12:20Z', '2024-02-15 12:21Z', NULL,
  '00:01:00', '[]'),
 ('ee100000-0000-4000-8000-000000000006', 'extra-grandparent-task', 'cb44924d-9d33-4dfa-bfbb-60e6e2e2c43e',
  'extra', '6', 'COMPLETED', 'Completed', '2024-02-15 12:33Z', '2024-02-15 12:32Z', '2024-02-15 12:32Z',
  '2024-02-15 12:33Z', '00:01:00', '[]');

-- a subflow (of cb44924d, through task ...06) that has its own subflow (through task ...05)
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp, expected_start_time,
                      start_time, end_time, total_run_time, parent_task_run_id, tags)
VALUES
 ('ee000000-0000-4000-8000-000000000008', 'extra-subflow', '37e10be4-5bdf-4861-a0a4-c13027997811',
  'COMPLETED', 'Completed', '2024-02-15 12:45Z', '2024-02-15 12:34Z', '2024-02-15 12:35Z', '2024-02-15 12:45Z',
  '00:10:00', 'ee100000-0000-4000-8000-000000000006', '[]');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, state_type, state_name,
                      state_timestamp, expected_start_time, start_time, end_time, total_run_time, tags)
VALUES
 ('ee100000-0000-4000-8000-000000000005', 'extra-parent-task', 'ee000000-0000-4000-8000-000000000008',
  'extra', '5', 'COMPLETED', 'Completed', '2024-02-15 12:40Z', '2024-02-15 12:35Z', '2024-02-15 12:35Z',
  '2024-02-15 12:40Z', '00:05:00', '[]');
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp, expected_start_time,
                      start_time, end_time, total_run_time, parent_task_run_id, tags)
VALUES
 ('ee000000-0000-4000-8000-000000000009', 'extra-sub-subflow', '37e10be4-5bdf-4861-a0a4-c13027997811',
  'FAILED', 'Failed', '2024-02-15 12:50Z', '2024-02-15 12:38Z', '2024-02-15 12:39Z', '2024-02-15 12:50Z',
  '00:11:00', 'ee100000-0000-4000-8000-000000000005', '[]');
