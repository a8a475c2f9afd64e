/*
 * history_query.c
 *	  Building and running the one query of a history request.
 *
 * The query scans the run table once, restricted to the covered window by
 * a plain range predicate on expected_start_time (so the planner can use
 * its index), adds the filters as Prefect combines them (its
 * _apply_flow_run_filters / _apply_task_run_filters, spec section 8), and
 * feeds the raw columns to flow_history_bucket_agg.  Parameters $1..$5 are
 * the window and layout; filter values follow from $6.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "datetime_io.h"
#include "history_query.h"
#include "state_types.h"

enum
{
	PARAM_WINDOW_START = 1,
	PARAM_WINDOW_END,
	PARAM_STEP_US,
	PARAM_NBUCKETS,
	PARAM_NOW,
	PARAM_STATE_TYPE_SEED,
	PARAM_STATE_TYPE_KEYS,
	PARAM_STATE_TYPE_LABELS
};

static void
add_condition(StringInfo where, const char *sql)
{
	appendStringInfo(where, "\n   AND %s", sql);
}

/* Only SQL adds a condition: TRUE and an absent or vanished clause add none */
static void
add_clause(StringInfo where, Clause clause)
{
	if (clause.kind == CLAUSE_SQL)
		add_condition(where, clause.sql);
}

static void
append_and_clause(StringInfo sql, Clause clause)
{
	if (clause.kind == CLAUSE_SQL)
		appendStringInfo(sql, " AND %s", clause.sql);
}

/* EXISTS (<head> [AND <clause>]): the related row must exist in any case */
static void
add_exists(FilterCompiler *fc, StringInfo where, PrefectTable table,
		   const char *head, Clause clause)
{
	StringInfoData exists;

	initStringInfo(&exists);
	appendStringInfo(&exists, "EXISTS (%s", expand_sql_template(fc, table, head, NULL, 0));
	append_and_clause(&exists, clause);
	appendStringInfoChar(&exists, ')');
	add_condition(where, exists.data);
}

static Clause
compile_object(FilterCompiler *fc, HistoryRequest *req, FilterObject fo,
			   const FilterModel *model)
{
	JsonPath	path = json_path_key(NULL, filter_object_keys[fo],
									 strlen(filter_object_keys[fo]));

	return compile_filter(fc, model, &req->filter[fo], &path);
}

/* Prefect's FlowRunFilter.only_filters_on_id(): just a non-empty id.any_ */
static bool
flow_runs_only_filter_on_id(const JsonbValue *flow_runs)
{
	int			n;
	JsonField  *members = json_object_fields(flow_runs, &n);
	const JsonbValue *id = NULL;
	JsonField  *id_members;
	int			nid;
	bool		any_listed = false;

	for (int i = 0; i < n; i++)
	{
		if (members[i].value.type == jbvNull ||
			json_key_equals(members[i].key, members[i].keylen, "operator"))
			continue;
		if (!json_key_equals(members[i].key, members[i].keylen, "id"))
			return false;
		id = &members[i].value;
	}
	if (id == NULL)
		return false;
	id_members = json_object_fields(id, &nid);
	for (int i = 0; i < nid; i++)
	{
		const JsonbValue *v = &id_members[i].value;
		bool		nonempty = v->type == jbvBinary && JsonContainerSize(v->val.binary.data) > 0;

		if (json_key_equals(id_members[i].key, id_members[i].keylen, "any_"))
			any_listed = nonempty;
		else if (json_key_equals(id_members[i].key, id_members[i].keylen, "not_any_") && nonempty)
			return false;
	}
	return any_listed;
}

static void
add_flow_run_filters(FilterCompiler *fc, HistoryRequest *req, StringInfo where)
{
	if (req->has_filter[FO_FLOW_RUNS])
		add_clause(where, compile_object(fc, req, FO_FLOW_RUNS, &flow_run_filter_model));
	if (req->has_filter[FO_DEPLOYMENTS])
		add_exists(fc, where, PT_FLOW_RUN,
				   "SELECT 1 FROM {deployment} d WHERE d.id OPERATOR(pg_catalog.=) fr.deployment_id",
				   compile_object(fc, req, FO_DEPLOYMENTS, &deployment_filter_model));
	if (req->has_filter[FO_WORK_POOLS])
		add_exists(fc, where, PT_FLOW_RUN,
				   "SELECT 1 FROM {work_queue} wpq JOIN {work_pool} wp ON wp.id OPERATOR(pg_catalog.=) wpq.work_pool_id"
				   " WHERE wpq.id OPERATOR(pg_catalog.=) fr.work_queue_id",
				   compile_object(fc, req, FO_WORK_POOLS, &work_pool_filter_model));
	if (req->has_filter[FO_WORK_QUEUES])
		add_exists(fc, where, PT_FLOW_RUN,
				   "SELECT 1 FROM {work_queue} wq WHERE wq.id OPERATOR(pg_catalog.=) fr.work_queue_id",
				   compile_object(fc, req, FO_WORK_QUEUES, &work_queue_filter_model));
	/* Prefect joins flow and task_run in one subquery; two EXISTS are equal */
	if (req->has_filter[FO_FLOWS])
		add_exists(fc, where, PT_FLOW_RUN,
				   "SELECT 1 FROM {flow} f WHERE f.id OPERATOR(pg_catalog.=) fr.flow_id",
				   compile_object(fc, req, FO_FLOWS, &flow_filter_model));
	if (req->has_filter[FO_TASK_RUNS])
		add_exists(fc, where, PT_FLOW_RUN,
				   "SELECT 1 FROM {task_run} tr WHERE tr.flow_run_id OPERATOR(pg_catalog.=) fr.id",
				   compile_object(fc, req, FO_TASK_RUNS, &task_run_filter_model));
}

static void
add_task_run_filters(FilterCompiler *fc, HistoryRequest *req, StringInfo where)
{
	bool		flows = req->has_filter[FO_FLOWS];
	bool		flow_runs = req->has_filter[FO_FLOW_RUNS];
	bool		deployments = req->has_filter[FO_DEPLOYMENTS];
	Clause		flow_run_clause = {.kind = CLAUSE_NONE};
	StringInfoData exists;

	if (req->has_filter[FO_TASK_RUNS])
		add_clause(where, compile_object(fc, req, FO_TASK_RUNS, &task_run_filter_model));
	if (!flows && !flow_runs && !deployments)
		return;

	if (flow_runs)
	{
		int			first_param = fc->params->count + 1;

		flow_run_clause = compile_object(fc, req, FO_FLOW_RUNS, &flow_run_filter_model);
		/* Prefect's short cut: the ids alone, bound once as "fr.id = ANY($n)" */
		if (!flows && !deployments && flow_runs_only_filter_on_id(&req->filter[FO_FLOW_RUNS]))
		{
			Assert(fc->params->count == first_param);
			add_condition(where, psprintf("tr.flow_run_id OPERATOR(pg_catalog.=) ANY($%d)", first_param));
			return;
		}
	}

	/* templates are expanded before compiled clauses are appended */
	initStringInfo(&exists);
	appendStringInfoString(&exists,
						   expand_sql_template(fc, PT_TASK_RUN, "SELECT 1 FROM {flow_run} fr", NULL, 0));
	if (flows)
		appendStringInfoString(&exists,
							   expand_sql_template(fc, PT_TASK_RUN, " JOIN {flow} f ON f.id OPERATOR(pg_catalog.=) fr.flow_id", NULL, 0));
	if (deployments)
		appendStringInfoString(&exists,
							   expand_sql_template(fc, PT_TASK_RUN, " JOIN {deployment} d ON d.id OPERATOR(pg_catalog.=) fr.deployment_id", NULL, 0));
	appendStringInfoString(&exists, " WHERE fr.id OPERATOR(pg_catalog.=) tr.flow_run_id");
	append_and_clause(&exists, flow_run_clause);
	if (flows)
		append_and_clause(&exists, compile_object(fc, req, FO_FLOWS, &flow_filter_model));
	if (deployments)
		append_and_clause(&exists, compile_object(fc, req, FO_DEPLOYMENTS, &deployment_filter_model));
	add_condition(where, psprintf("EXISTS (%s)", exists.data));
}

/* The run table's state_type enum as the aggregate's keys and labels */
static void
bind_state_type_keys(QueryParams *params, Oid enum_type)
{
	StateTypeKeys types;
	Datum	   *keys;
	Datum	   *labels;

	if (!type_is_enum(enum_type))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"state_type\" of Prefect's run tables must be an enum, not %s",
						format_type_be(enum_type))));
	read_state_type_keys(enum_type, &types);
	keys = palloc(sizeof(Datum) * Max(types.nlabels, 1));
	labels = palloc(sizeof(Datum) * Max(types.nlabels, 1));
	for (int i = 0; i < types.nlabels; i++)
	{
		keys[i] = Int64GetDatum(types.keys[i]);
		labels[i] = CStringGetTextDatum(types.labels[i]);
	}
	params->values[PARAM_STATE_TYPE_SEED - 1] = Int64GetDatum(types.seed);
	params->values[PARAM_STATE_TYPE_KEYS - 1] =
		PointerGetDatum(construct_array(keys, types.nlabels, INT8OID, 8,
										FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
	params->values[PARAM_STATE_TYPE_LABELS - 1] =
		PointerGetDatum(construct_array(labels, types.nlabels, TEXTOID, -1,
										false, TYPALIGN_INT));
}

/*
 * Validate and compile the request into query->sql and query->params.
 * Filters are validated before the interval, as Prefect does.
 */
void
build_history_query(HistoryQuery *query, HistoryRequest *req, Oid extension_namespace)
{
	FilterCompiler fc = {&query->params, &query->tables};
	StringInfoData where;
	PrefectTable run_table = (req->kind == RUN_FLOW) ? PT_FLOW_RUN : PT_TASK_RUN;
	const char *alias = (req->kind == RUN_FLOW) ? "fr" : "tr";
	QueryParams *params = &query->params;

	memset(query, 0, sizeof(*query));
	initStringInfo(&query->sql);
	initStringInfo(&where);

	/* $1..$8, filled in once the window is checked */
	query_param_add(params, TIMESTAMPTZOID, 0, "history_start");
	query_param_add(params, TIMESTAMPTZOID, 0, "end of the last interval");
	query_param_add(params, INT8OID, 0, "interval length in microseconds");
	query_param_add(params, INT4OID, 0, "number of intervals");
	query_param_add(params, TIMESTAMPTZOID, 0, "now()");
	query_param_add(params, INT8OID, 0, "seed of the state type keys");
	query_param_add(params, INT8ARRAYOID, 0, "state type keys");
	query_param_add(params, TEXTARRAYOID, 0, "state type labels");

	if (req->kind == RUN_FLOW)
		add_flow_run_filters(&fc, req, &where);
	else
		add_task_run_filters(&fc, req, &where);

	check_history_window(req);
	query->layout.origin = req->start;
	query->layout.step_us = req->interval_us;
	query->layout.nbuckets = req->nbuckets;
	query->layout.now = GetCurrentTransactionStartTimestamp();
	bind_state_type_keys(params, prefect_state_type(&query->tables, run_table));
	params->values[PARAM_WINDOW_START - 1] = TimestampTzGetDatum(req->start);
	params->values[PARAM_WINDOW_END - 1] =
		TimestampTzGetDatum(req->start + req->interval_us * req->nbuckets);
	params->values[PARAM_STEP_US - 1] = Int64GetDatum(req->interval_us);
	params->values[PARAM_NBUCKETS - 1] = Int32GetDatum(req->nbuckets);
	params->values[PARAM_NOW - 1] = TimestampTzGetDatum(query->layout.now);

	/*
	 * Every argument is cast to the aggregate's own types, and every
	 * operator and type is pg_catalog's: nothing another role creates can
	 * match better, whatever search_path holds.
	 */
	appendStringInfo(&query->sql,
					 "SELECT %s.flow_history_bucket_agg("
					 "%s.expected_start_time::pg_catalog.timestamptz,"
					 " pg_catalog.hashenumextended(%s.state_type, $%d::pg_catalog.int8),"
					 " %s.state_name::pg_catalog.text, %s.total_run_time::pg_catalog.interval,"
					 " %s.state_timestamp::pg_catalog.timestamptz, %s.start_time::pg_catalog.timestamptz,"
					 " $%d::pg_catalog.timestamptz, $%d::pg_catalog.int8, $%d::pg_catalog.int4,"
					 " $%d::pg_catalog.timestamptz, $%d::pg_catalog.int8[], $%d::pg_catalog.text[])\n"
					 "  FROM %s %s\n"
					 " WHERE %s.expected_start_time OPERATOR(pg_catalog.>=) $%d\n"
					 "   AND %s.expected_start_time OPERATOR(pg_catalog.<) $%d%s",
					 quote_identifier(get_namespace_name(extension_namespace)),
					 alias, alias, PARAM_STATE_TYPE_SEED, alias, alias, alias, alias,
					 PARAM_WINDOW_START, PARAM_STEP_US, PARAM_NBUCKETS, PARAM_NOW,
					 PARAM_STATE_TYPE_KEYS, PARAM_STATE_TYPE_LABELS,
					 prefect_table_name(&query->tables, run_table), alias,
					 alias, PARAM_WINDOW_START, alias, PARAM_WINDOW_END, where.data);
}

/*
 * Run the query; NULL when no run fell in the intervals.  The result is
 * checked against the request's layout before anything reads it.
 */
HistoryResult *
run_history_query(const HistoryQuery *query)
{
	MemoryContext caller_context = CurrentMemoryContext;
	HistoryResult *result = NULL;
	int			ret;
	bool		isnull;
	Datum		state;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_with_args(query->sql.data, query->params.count,
								query->params.types, query->params.values,
								NULL, true, 0);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "history query returned %d (%s), expected one row",
			 ret, SPI_result_code_string(ret));
	state = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (!isnull)
	{
		MemoryContext spi_context = MemoryContextSwitchTo(caller_context);

		/* the result's names point into the state: keep it past SPI_finish */
		result = history_result_read(DatumGetByteaPCopy(state), &query->layout);
		MemoryContextSwitchTo(spi_context);
	}
	SPI_finish();
	return result;
}

/* The query and its parameters, for flow_history_explain(). */
char *
describe_history_query(const HistoryQuery *query, const HistoryRequest *req)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, query->sql.data);
	if (req->nbuckets == 0)
		appendStringInfoString(&buf, "\n-- no intervals (history_end <= history_start): the query is not run");
	for (int i = 0; i < query->params.count; i++)
	{
		Oid			type = query->params.types[i];
		Datum		value = query->params.values[i];

		appendStringInfo(&buf, "\n-- $%d = ", i + 1);
		if (type == TIMESTAMPTZOID)
			append_prefect_timestamp(&buf, DatumGetTimestampTz(value));
		else
		{
			Oid			output;
			bool		isvarlena;

			getTypeOutputInfo(type, &output, &isvarlena);
			appendStringInfoString(&buf, OidOutputFunctionCall(output, value));
		}
		appendStringInfo(&buf, " (%s): %s", format_type_be(type), query->params.labels[i]);
	}
	return buf.data;
}
