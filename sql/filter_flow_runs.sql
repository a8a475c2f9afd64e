-- filter_flow_runs: every field and operator of FlowRunFilter, applied to
-- flow_run directly.  regress.fr() lists the state names of the matching
-- runs in the main window (setup.sql; test/fixtures/regress_data.sql).
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';
SET datestyle = 'ISO, YMD';
SET intervalstyle = 'postgres';

SELECT regress.fr('{"flow_runs": {}}') AS "all (an empty filter)";

-- id
SELECT regress.fr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001",
                                                   "e0000000-0000-4000-8000-000000000003"]}}}');
SELECT regress.fr('{"flow_runs": {"id": {"any_": []}}}') AS "any_ [] matches nothing";
SELECT regress.fr('{"flow_runs": {"id": {"not_any_": ["e0000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.fr('{"flow_runs": {"id": {"not_any_": []}}}') AS "not_any_ [] is ignored";
SELECT regress.fr('{"flow_runs": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001",
                                                   "e0000000-0000-4000-8000-000000000002"],
                                         "not_any_": ["e0000000-0000-4000-8000-000000000002"]}}}');

-- name: any_ is exact; like_ is ILIKE '%v%' where % and _ are wildcards and
-- a backslash escapes the next character
SELECT regress.fr('{"flow_runs": {"name": {"any_": ["brave-fox", "nobody"]}}}');
SELECT regress.fr('{"flow_runs": {"name": {"any_": ["Brave-Fox"]}}}');
SELECT regress.fr('{"flow_runs": {"name": {"like_": "FOX"}}}');
SELECT regress.fr('{"flow_runs": {"name": {"like_": "k_e"}}}') AS "_ is a wildcard";
SELECT regress.fr('{"flow_runs": {"name": {"like_": "k\\_e"}}}') AS "escaped _";
SELECT regress.fr('{"flow_runs": {"name": {"like_": "a%o"}}}');
SELECT regress.fr('{"flow_runs": {"name": {"like_": ""}}}') AS "like_ empty is ignored";
SELECT regress.fr('{"flow_runs": {"name": {"any_": ["brave-fox", "icy-fox"], "like_": "icy"}}}');

-- tags: JSON arrays; all_ is ?&, any_ is ?|, is_null_ tests for []
SELECT regress.fr('{"flow_runs": {"tags": {"all_": ["db"]}}}');
SELECT regress.fr('{"flow_runs": {"tags": {"all_": ["db", "blue"]}}}');
SELECT regress.fr('{"flow_runs": {"tags": {"all_": []}}}') AS "all_ [] is ignored";
SELECT regress.fr('{"flow_runs": {"tags": {"any_": ["blue", "adhoc"]}}}');
SELECT regress.fr('{"flow_runs": {"tags": {"any_": []}}}') AS "any_ [] matches nothing";
SELECT regress.fr('{"flow_runs": {"tags": {"any_": ["DB"]}}}') AS "case-sensitive";
SELECT regress.fr('{"flow_runs": {"tags": {"is_null_": true}}}');
SELECT regress.fr('{"flow_runs": {"tags": {"is_null_": false}}}');
SELECT regress.fr('{"flow_runs": {"tags": {"operator": "or_", "all_": ["adhoc"], "any_": ["prod"]}}}');
SELECT regress.fr('{"flow_runs": {"tags": {"all_": ["auto-scheduled"], "is_null_": false}}}');

-- deployment_id; nosy-kiwi (Paused) points at a deployment that does not exist
SELECT regress.fr('{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.fr('{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-0000000000ff"]}}}');
SELECT regress.fr('{"flow_runs": {"deployment_id": {"is_null_": true}}}');
SELECT regress.fr('{"flow_runs": {"deployment_id": {"is_null_": false}}}');
SELECT regress.fr('{"flow_runs": {"deployment_id": {"operator": "or_", "is_null_": true,
                                                    "any_": ["d0000000-0000-4000-8000-000000000002"]}}}');

-- work_queue_name: the run's own column, case-sensitive
SELECT regress.fr('{"flow_runs": {"work_queue_name": {"any_": ["wq-alpha"]}}}');
SELECT regress.fr('{"flow_runs": {"work_queue_name": {"any_": ["WQ-ALPHA"]}}}');
SELECT regress.fr('{"flow_runs": {"work_queue_name": {"is_null_": true}}}');
SELECT regress.fr('{"flow_runs": {"work_queue_name": {"operator": "or_", "is_null_": true, "any_": ["Beta_q"]}}}');

-- state: type and name, any_ and not_any_
SELECT regress.fr('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"type": {"any_": []}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"type": {"not_any_": ["COMPLETED", "SCHEDULED"]}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"name": {"any_": ["Late", "Nope"]}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"name": {"not_any_": ["Late", "Completed"]}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}, "name": {"any_": ["Late"]}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"operator": "or_", "type": {"any_": ["COMPLETED"]},
                                            "name": {"any_": ["Late"]}}}}');
-- Prefect keeps a state child only when it is one comparison: any_ with a
-- non-empty not_any_ drops the child (here: everything matches) ...
SELECT regress.fr('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": ["FAILED"]}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"name": {"any_": ["Late"], "not_any_": ["Late"]}}}}');
-- ... an empty not_any_ adds nothing, so any_ stays one comparison
SELECT regress.fr('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": []}}}}');
-- ... and a child without conditions is dropped rather than TRUE under or_
SELECT regress.fr('{"flow_runs": {"state": {"operator": "or_", "type": {}, "name": {"any_": ["Late"]}}}}');
SELECT regress.fr('{"flow_runs": {"state": {"operator": "or_", "type": {"any_": ["FAILED"], "not_any_": ["PENDING"]},
                                            "name": {"any_": ["Late"]}}}}');
SELECT regress.fr('{"flow_runs": {"operator": "or_", "state": {"type": {"any_": ["FAILED"], "not_any_": ["PENDING"]}},
                                  "name": {"any_": ["brave-fox"]}}}') AS "both state children dropped: TRUE";

-- flow_version
SELECT regress.fr('{"flow_runs": {"flow_version": {"any_": ["1.0"]}}}');
SELECT regress.fr('{"flow_runs": {"flow_version": {"any_": ["3.0"]}}}');

-- start_time: before_/after_ compare COALESCE(start_time, expected_start_time),
-- inclusive; is_null_ looks at start_time itself
SELECT regress.fr('{"flow_runs": {"start_time": {"before_": "2024-01-01T00:20:00Z"}}}');
SELECT regress.fr('{"flow_runs": {"start_time": {"after_": "2024-01-01T02:00:00Z"}}}');
SELECT regress.fr('{"flow_runs": {"start_time": {"after_": "2024-01-01T00:30:00Z", "before_": "2024-01-01T01:00:00Z"}}}');
SELECT regress.fr('{"flow_runs": {"start_time": {"is_null_": true}}}');
SELECT regress.fr('{"flow_runs": {"start_time": {"is_null_": false}}}');

-- end_time: the column itself, so runs without one never match before_/after_
SELECT regress.fr('{"flow_runs": {"end_time": {"before_": "2024-01-01T00:50:00Z"}}}');
SELECT regress.fr('{"flow_runs": {"end_time": {"after_": "2024-01-01T00:50:00Z"}}}');
SELECT regress.fr('{"flow_runs": {"end_time": {"is_null_": true}}}');

-- expected_start_time and next_scheduled_start_time
SELECT regress.fr('{"flow_runs": {"expected_start_time": {"before_": "2024-01-01T00:20:00Z"}}}');
SELECT regress.fr('{"flow_runs": {"expected_start_time": {"after_": "2024-01-01T02:30:00+00:00",
                                                          "before_": "2024-01-01T03:50:00+01:00"}}}');
SELECT regress.fr('{"flow_runs": {"next_scheduled_start_time": {"after_": "2024-01-01T00:00:00Z"}}}');
SELECT regress.fr('{"flow_runs": {"next_scheduled_start_time": {"before_": "2024-01-01T01:00:00Z"}}}');

-- parent_flow_run_id: direct subflows of the listed runs, through the
-- parent task run (lazy-ibis, AwaitingRetry, is a subflow of brave-fox)
SELECT regress.fr('{"flow_runs": {"parent_flow_run_id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.fr('{"flow_runs": {"parent_flow_run_id": {"any_": ["e0000000-0000-4000-8000-000000000003"]}}}');
SELECT regress.fr('{"flow_runs": {"parent_flow_run_id": {"operator": "or_", "any_": []}}}');

-- parent_task_run_id
SELECT regress.fr('{"flow_runs": {"parent_task_run_id": {"any_": ["c0000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.fr('{"flow_runs": {"parent_task_run_id": {"is_null_": false}}}');
SELECT regress.fr('{"flow_runs": {"parent_task_run_id": {"is_null_": true}}}');

-- idempotency_key: not_any_ also drops runs whose key is NULL (NOT IN)
SELECT regress.fr('{"flow_runs": {"idempotency_key": {"any_": ["k1"]}}}');
SELECT regress.fr('{"flow_runs": {"idempotency_key": {"not_any_": ["k1"]}}}');

-- created_by: ids compared as lower-case text, whatever form they came in
SELECT regress.fr('{"flow_runs": {"created_by": {"id_": ["D0000000-0000-4000-8000-000000000001"]}}}');
SELECT regress.fr('{"flow_runs": {"created_by": {"id_": ["{a5000000-0000-4000-8000-000000000001}"]}}}');
SELECT regress.fr('{"flow_runs": {"created_by": {"type_": ["SCHEDULE", "AUTOMATION"]}}}');
SELECT regress.fr('{"flow_runs": {"created_by": {"type_": []}}}');
SELECT regress.fr('{"flow_runs": {"created_by": {"is_null_": false}}}');
SELECT regress.fr('{"flow_runs": {"created_by": {"is_null_": true}}}');
SELECT regress.fr('{"flow_runs": {"created_by": {"operator": "or_", "type_": ["DEPLOYMENT"],
                                                 "id_": ["a7000000-0000-4000-8000-000000000001"]}}}');

-- operator at the top of the filter
SELECT regress.fr('{"flow_runs": {"operator": "or_", "name": {"any_": ["brave-fox"]},
                                  "state": {"type": {"any_": ["FAILED"]}}}}');
SELECT regress.fr('{"flow_runs": {"operator": "and_", "name": {"like_": "o"},
                                  "state": {"type": {"any_": ["COMPLETED", "FAILED"]}}}}');
-- an object without conditions is TRUE, which makes an or_ parent TRUE
SELECT regress.fr('{"flow_runs": {"operator": "or_", "name": {}, "id": {"any_": []}}}');
SELECT regress.fr('{"flow_runs": {"operator": "or_", "tags": {"all_": []}, "name": {"any_": ["run-late"]}}}');
SELECT regress.fr('{"flow_runs": {"operator": "or_", "id": {"any_": []}, "name": {"any_": ["nobody"]}}}');
