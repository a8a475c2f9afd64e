/*
 * flow_history.c
 *	  Module entry: the flow_history.schema setting, the SQL-callable
 *	  functions, and the pipeline of a call.
 *
 * A history call, in history_call():
 *	 1. read the request (request.c: the body, or the psql form's arguments)
 *	 2. compile its filters, combined as Prefect combines them for the
 *		endpoint (filter_compose.c, filter_compile.c, filter_models.c)
 *	 3. lay out the intervals (request.c; Prefect checks the interval last)
 *	 4. build the statement (history_query.c)
 *	 5. run it: one scan feeding the aggregate (history_query.c, bucket_agg.c)
 *	 6. emit rows, Prefect's JSON, or that JSON as text (history_output.c)
 * Every function runs with the caller's privileges, so table privileges and
 * row-level security apply as to any query.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "filter_compose.h"
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

/*
 * The SQL objects this library needs: version 1.1 replaced 1.0's aggregate,
 * whose anyenum argument another role's overload could beat.
 */
static void
check_catalog_version(void)
{
	Oid			extension = get_extension_oid("flow_history", true);
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	char	   *version = NULL;
	int			major;
	int			minor;

	if (!OidIsValid(extension))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"flow_history\" is not installed in this database")));
	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(extension));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (HeapTupleIsValid(tuple))
	{
		bool		isnull;
		Datum		datum = heap_getattr(tuple, Anum_pg_extension_extversion,
										 RelationGetDescr(rel), &isnull);

		if (!isnull)
			version = text_to_cstring(DatumGetTextPP(datum));
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (version == NULL || sscanf(version, "%d.%d", &major, &minor) != 2 ||
		major < 1 || (major == 1 && minor < 1))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("flow_history's library needs version 1.1 of its SQL objects, but this database has version %s",
						version ? version : "(unknown)"),
				 errhint("Run ALTER EXTENSION flow_history UPDATE.")));
}

typedef enum RequestForm
{
	REQUEST_BODY,				/* (request jsonb) */
	REQUEST_ARGS				/* (history_start, history_end, history_interval, filters) */
} RequestForm;

typedef enum AnswerForm
{
	ANSWER_ROWS,
	ANSWER_JSONB,
	ANSWER_JSON_TEXT
} AnswerForm;

/* Steps 1 to 4: the request, read and compiled into its statement */
static void
compile_history(FunctionCallInfo fcinfo, RunKind kind, RequestForm form,
				HistoryRequest *req, HistoryQuery *query)
{
	FilterCompiler fc;

	check_catalog_version();
	if (form == REQUEST_BODY)
		parse_history_request(PG_GETARG_JSONB_P(0), kind, req);
	else
		init_history_request_args(req, kind, PG_GETARG_TIMESTAMPTZ(0), PG_GETARG_TIMESTAMPTZ(1),
								  PG_GETARG_INTERVAL_P(2), PG_GETARG_JSONB_P(3));
	init_history_query(query);
	fc = history_query_compiler(query);
	compose_history_filters(&fc, req, &query->conditions);
	lay_out_intervals(req);
	finish_history_query(query, req, get_func_namespace(fcinfo->flinfo->fn_oid));
}

static Datum
history_call(FunctionCallInfo fcinfo, RunKind kind, RequestForm form, AnswerForm answer)
{
	HistoryRequest req;
	HistoryQuery query;
	HistoryResult *result = NULL;

	compile_history(fcinfo, kind, form, &req, &query);
	if (req.nbuckets > 0)
		result = run_history_query(&query);
	switch (answer)
	{
		case ANSWER_ROWS:
			history_emit_rows(fcinfo, &req, result);
			return (Datum) 0;
		case ANSWER_JSONB:
			PG_RETURN_JSONB_P(history_to_jsonb(&req, result));
		case ANSWER_JSON_TEXT:
			PG_RETURN_TEXT_P(history_to_json_text(&req, result));
	}
	pg_unreachable();
}

/* The SQL-callable functions; flow_history--1.1.sql names each symbol */
PG_FUNCTION_INFO_V1(flow_history_flow_run_history);
PG_FUNCTION_INFO_V1(flow_history_flow_run_history_json);
PG_FUNCTION_INFO_V1(flow_history_flow_run_history_json_text);
PG_FUNCTION_INFO_V1(flow_history_flow_run_history_args);
PG_FUNCTION_INFO_V1(flow_history_flow_run_history_json_args);
PG_FUNCTION_INFO_V1(flow_history_task_run_history);
PG_FUNCTION_INFO_V1(flow_history_task_run_history_json);
PG_FUNCTION_INFO_V1(flow_history_task_run_history_json_text);
PG_FUNCTION_INFO_V1(flow_history_task_run_history_args);
PG_FUNCTION_INFO_V1(flow_history_task_run_history_json_args);
PG_FUNCTION_INFO_V1(flow_history_explain);

/* flow_run_history(request jsonb) */
Datum
flow_history_flow_run_history(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_FLOW, REQUEST_BODY, ANSWER_ROWS);
}

/* flow_run_history_json(request jsonb) */
Datum
flow_history_flow_run_history_json(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_FLOW, REQUEST_BODY, ANSWER_JSONB);
}

/* flow_run_history_json_text(request jsonb) */
Datum
flow_history_flow_run_history_json_text(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_FLOW, REQUEST_BODY, ANSWER_JSON_TEXT);
}

/* flow_run_history(history_start, history_end, history_interval, filters) */
Datum
flow_history_flow_run_history_args(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_FLOW, REQUEST_ARGS, ANSWER_ROWS);
}

/* flow_run_history_json(history_start, history_end, history_interval, filters) */
Datum
flow_history_flow_run_history_json_args(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_FLOW, REQUEST_ARGS, ANSWER_JSONB);
}

/* task_run_history(request jsonb) */
Datum
flow_history_task_run_history(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_TASK, REQUEST_BODY, ANSWER_ROWS);
}

/* task_run_history_json(request jsonb) */
Datum
flow_history_task_run_history_json(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_TASK, REQUEST_BODY, ANSWER_JSONB);
}

/* task_run_history_json_text(request jsonb) */
Datum
flow_history_task_run_history_json_text(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_TASK, REQUEST_BODY, ANSWER_JSON_TEXT);
}

/* task_run_history(history_start, history_end, history_interval, filters) */
Datum
flow_history_task_run_history_args(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_TASK, REQUEST_ARGS, ANSWER_ROWS);
}

/* task_run_history_json(history_start, history_end, history_interval, filters) */
Datum
flow_history_task_run_history_json_args(PG_FUNCTION_ARGS)
{
	return history_call(fcinfo, RUN_TASK, REQUEST_ARGS, ANSWER_JSONB);
}

/* flow_history_explain(request jsonb, run_type text): the statement, not run */
Datum
flow_history_explain(PG_FUNCTION_ARGS)
{
	char	   *run_type = text_to_cstring(PG_GETARG_TEXT_PP(1));
	HistoryRequest req;
	HistoryQuery query;
	RunKind		kind;

	if (strcmp(run_type, "flow_run") == 0)
		kind = RUN_FLOW;
	else if (strcmp(run_type, "task_run") == 0)
		kind = RUN_TASK;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid run_type \"%s\"", run_type),
				 errhint("run_type is 'flow_run' or 'task_run'.")));

	compile_history(fcinfo, kind, REQUEST_BODY, &req, &query);
	PG_RETURN_TEXT_P(cstring_to_text(describe_history_query(&query, &req)));
}
