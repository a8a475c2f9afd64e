/*
 * flow_history.c
 *	  Module entry: the flow_history.schema setting and the SQL-callable
 *	  history functions.
 *
 * A call goes request.c (validate the body) -> history_query.c (compile
 * the filters through filter_compile.c, check the window, run one SPI
 * query that aggregates with bucket_agg.c) -> history_output.c (rows or
 * Prefect's JSON).  Every function runs with the caller's privileges, so
 * table privileges and row-level security apply as to any query.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "history_output.h"
#include "history_query.h"
#include "prefect_schema.h"
#include "request.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	prefect_schema_define_guc();
}

/* Compile and, when there are intervals, run; NULL means no runs. */
static BucketState *
compute_history(FunctionCallInfo fcinfo, HistoryRequest *req)
{
	HistoryQuery query;

	build_history_query(&query, req, get_func_namespace(fcinfo->flinfo->fn_oid));
	if (req->nbuckets == 0)
		return NULL;
	return run_history_query(&query);
}

static Datum
history_rows(FunctionCallInfo fcinfo, HistoryRequest *req)
{
	history_emit_rows(fcinfo, req, compute_history(fcinfo, req));
	return (Datum) 0;
}

static Datum
history_json(FunctionCallInfo fcinfo, HistoryRequest *req)
{
	PG_RETURN_JSONB_P(history_to_jsonb(req, compute_history(fcinfo, req)));
}

static void
request_from_body(FunctionCallInfo fcinfo, RunKind kind, HistoryRequest *req)
{
	parse_history_request(PG_GETARG_JSONB_P(0), kind, req);
}

/* (history_start, history_end, history_interval, filters) */
static void
request_from_args(FunctionCallInfo fcinfo, RunKind kind, HistoryRequest *req)
{
	init_history_request_args(req, kind, PG_GETARG_TIMESTAMPTZ(0), PG_GETARG_TIMESTAMPTZ(1),
							  PG_GETARG_INTERVAL_P(2), PG_GETARG_JSONB_P(3));
}

#define HISTORY_FUNCTION(name, kind, read_request, render) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	HistoryRequest req; \
	read_request(fcinfo, (kind), &req); \
	return render(fcinfo, &req); \
}

HISTORY_FUNCTION(flow_history_flow_run_history, RUN_FLOW, request_from_body, history_rows)
HISTORY_FUNCTION(flow_history_task_run_history, RUN_TASK, request_from_body, history_rows)
HISTORY_FUNCTION(flow_history_flow_run_history_json, RUN_FLOW, request_from_body, history_json)
HISTORY_FUNCTION(flow_history_task_run_history_json, RUN_TASK, request_from_body, history_json)
HISTORY_FUNCTION(flow_history_flow_run_history_args, RUN_FLOW, request_from_args, history_rows)
HISTORY_FUNCTION(flow_history_task_run_history_args, RUN_TASK, request_from_args, history_rows)
HISTORY_FUNCTION(flow_history_flow_run_history_json_args, RUN_FLOW, request_from_args, history_json)
HISTORY_FUNCTION(flow_history_task_run_history_json_args, RUN_TASK, request_from_args, history_json)

PG_FUNCTION_INFO_V1(flow_history_explain);

/* flow_history_explain(request jsonb, run_type text): the query, not run */
Datum
flow_history_explain(PG_FUNCTION_ARGS)
{
	RunKind		kind = run_kind_from_name(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	HistoryRequest req;
	HistoryQuery query;

	parse_history_request(PG_GETARG_JSONB_P(0), kind, &req);
	build_history_query(&query, &req, get_func_namespace(fcinfo->flinfo->fn_oid));
	PG_RETURN_TEXT_P(cstring_to_text(describe_history_query(&query, &req)));
}
