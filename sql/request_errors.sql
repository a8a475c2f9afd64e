-- request_errors: flow_history_request_errors(), a body's validation errors
-- in Prefect's 422 shape (pydantic's type, loc, msg, input and ctx), one
-- query per error class; errors that are not validation errors are raised.
\i test/fixtures/regress_setup.sql
SET timezone = 'UTC';

-- one line per item: type, loc, msg, input (and ctx when present)
CREATE FUNCTION regress.errors(body jsonb, run_type text DEFAULT 'flow_run')
RETURNS SETOF text LANGUAGE sql AS $$
  SELECT concat_ws(' | ', e->>'type', e->>'loc', e->>'msg', e->>'input', e->>'ctx')
    FROM jsonb_array_elements(flow_history_request_errors(body, run_type)) AS e
$$;

-- bodies Prefect accepts: no items
SELECT flow_history_request_errors(regress.request());
SELECT flow_history_request_errors(regress.request('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}},
                                                     "flows": {"tags": {"all_": ["etl"]}},
                                                     "unknown_top_level_key": 1}'));
-- task-run history ignores work_pools, even invalid ones
SELECT flow_history_request_errors(regress.request('{"work_pools": 5}'), 'task_run');
SELECT regress.errors(regress.request('{"work_pools": 5}'), 'flow_run');
-- history_end before history_start is an empty answer, not an error
SELECT flow_history_request_errors('{"history_start": "2024-01-02T00:00:00Z",
                                     "history_end": "2024-01-01T00:00:00Z",
                                     "history_interval_seconds": 60}');

-- missing: every missing key (null is missing)
SELECT regress.errors('{"history_start": "2024-01-02T00:00:00Z", "history_end": null}');
-- not an object: every key of the endpoint is missing
SELECT regress.errors('[1, 2]');
SELECT regress.errors('"x"', 'task_run');

-- model_attributes_type: a filter that is not an object, at the top or inside
SELECT regress.errors(regress.request('{"flows": ["etl"]}'));
SELECT regress.errors(regress.request('{"flow_runs": {"state": "FAILED"}}'));

-- extra_forbidden: unknown keys inside filters, with the offending value
SELECT regress.errors(regress.request('{"flows": {"tags": {"any_": ["etl"]}}}'));
SELECT regress.errors(regress.request('{"task_runs": {"id": {"not_any_": ["00000000-0000-4000-8000-00000000beef"]}}}'));

-- enum: state types (strings or not) and operators
SELECT regress.errors(regress.request('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "SCHEDULD"]}}}}'));
SELECT regress.errors(regress.request('{"task_runs": {"state": {"type": {"any_": [5]}}}}'), 'task_run');
SELECT regress.errors(regress.request('{"flow_runs": {"operator": "xor_"}}'));

-- uuid_parsing (the uuid crate's reasons) and uuid_type
SELECT regress.errors(regress.request(jsonb_build_object('flow_runs', jsonb_build_object('id', jsonb_build_object('any_', jsonb_build_array(v))))))
  FROM (VALUES ('not-a-uuid'), ('0000000000000000000000000000000'),
               ('00000000-0000-4000-8000'), ('0000000-00000-4000-8000-00000000beef'),
               ('00000000-0000-4000-8000-00000000beefa'), ('{00000000-0000-4000-8000-00000000beeg}'),
               ('00000000-0000-4000-8000-00000000bééf')) AS t(v);
SELECT regress.errors(regress.request('{"deployments": {"id": {"any_": [12]}}}'));

-- list_type, string_type
SELECT regress.errors(regress.request('{"flows": {"name": {"any_": "etl"}}}'));
SELECT regress.errors(regress.request('{"flow_runs": {"name": {"like_": 5}}}'));
SELECT regress.errors(regress.request('{"work_queues": {"name": {"startswith_": ["a", null]}}}'));

-- bool_parsing, bool_type
SELECT regress.errors(regress.request('{"flow_runs": {"end_time": {"is_null_": "maybe"}}}'));
SELECT regress.errors(regress.request('{"deployments": {"paused": {"eq_": 2}}}'));
SELECT regress.errors(regress.request('{"flows": {"deployment": {"is_null_": []}}}'));

-- int_parsing, int_from_float, int_type (a deprecated key, still validated)
SELECT regress.errors(regress.request(jsonb_build_object('deployments', jsonb_build_object('concurrency_limit', jsonb_build_object('ge_', v)))))
  FROM (VALUES ('"ten"'::jsonb), ('1.5'), ('{}')) AS t(v);

-- float_parsing, float_type
SELECT regress.errors('{"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-03T00:00:00Z",
                        "history_interval_seconds": "PT1H"}');
SELECT regress.errors('{"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-03T00:00:00Z",
                        "history_interval_seconds": [60]}');

-- date-times: value_error (strings), datetime_parsing (numbers), datetime_type
SELECT regress.errors(jsonb_build_object('history_start', v, 'history_end', '2024-01-02T00:00:00Z',
                                         'history_interval_seconds', 3600))
  FROM (VALUES ('"yesterday"'::jsonb), ('"0000-01-01"'), ('5e20'), ('true')) AS t(v);
SELECT regress.errors(regress.request('{"flow_runs": {"expected_start_time": {"after_": "soon"}}}'));

-- the short interval, marked for the server's {"detail": ...} answer
SELECT regress.errors('{"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-05T00:00:00Z",
                        "history_interval_seconds": 0.5}');
SELECT regress.errors('{"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-05T00:00:00Z",
                        "history_interval_seconds": false}');
-- filters are validated before the interval, as in Prefect
SELECT regress.errors('{"history_start": "2024-01-02T00:00:00Z", "history_end": "2024-01-05T00:00:00Z",
                        "history_interval_seconds": 0.5, "flows": {"nme": {}}}');

-- not validation errors (Prefect answers 500 or 503): raised as the history call raises them
SELECT flow_history_request_errors('{"history_start": "2024-01-02T00:00:00Z",
                                     "history_end": "2024-01-05T00:00:00Z",
                                     "history_interval_seconds": "NaN"}');
SELECT flow_history_request_errors('{"history_start": "9999-12-31T00:00:00Z",
                                     "history_end": "9999-12-31T23:00:00Z",
                                     "history_interval_seconds": 86400}');
-- an offset that moves the instant before year 1: Prefect's database call fails
SELECT flow_history_request_errors('{"history_start": "0001-01-01T00:00:00+01:00",
                                     "history_end": "2024-01-05T00:00:00Z",
                                     "history_interval_seconds": 86400}');
SET flow_history.schema = 'no_such_schema';
SELECT flow_history_request_errors(regress.request());
RESET flow_history.schema;
SELECT flow_history_request_errors(regress.request(), 'subflow_run');

-- the caller's transaction goes on after caught and raised errors alike
BEGIN;
SELECT count(*) FROM regress.errors(regress.request('{"flows": {"nme": {}}}'));
SELECT flow_history_request_errors('{"history_start": "2024-01-02T00:00:00Z",
                                     "history_end": "2024-01-05T00:00:00Z",
                                     "history_interval_seconds": "inf"}');
ROLLBACK;
BEGIN;
SELECT count(*) FROM regress.errors(regress.request('{"flows": {"nme": {}}}'));
SELECT count(*) > 0 AS answered FROM flow_run_history(regress.request());
SELECT flow_history_request_errors(regress.request());
COMMIT;
-- a history call after validation records nothing and fails as before
SELECT flow_run_history_json(regress.request('{"flows": {"nme": {}}}'));
