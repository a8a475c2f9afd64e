/*
 * history_query.c
 *	  The one statement of a history call: its text, running it via SPI,
 *	  and its description for flow_history_explain().
 *
 * The statement scans the run table once, restricted to the covered window
 * by a plain range predicate on expected_start_time (so that the planner
 * can use its index), adds the filters' conditions (filter_compose.c), and
 * feeds the raw columns to flow_history_bucket_agg.  The filters' values
 * are the first parameters; the window, the layout and the state types
 * follow them.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "datetime_io.h"
#include "history_query.h"
#include "state_types.h"

/* The run table's state_type enum as the aggregate's keys and labels */
static void
bind_state_type_keys(HistoryQuery *query, Oid enum_type, int *seed, int *keys, int *labels)
{
	StateTypeKeys types;
	Datum	   *key_datums;
	Datum	   *label_datums;

	read_state_type_keys(enum_type, &types);
	key_datums = palloc(sizeof(Datum) * Max(types.nlabels, 1));
	label_datums = palloc(sizeof(Datum) * Max(types.nlabels, 1));
	for (int i = 0; i < types.nlabels; i++)
	{
		key_datums[i] = Int64GetDatum(types.keys[i]);
		label_datums[i] = CStringGetTextDatum(types.labels[i]);
	}
	*seed = query_param_add(&query->params, INT8OID, Int64GetDatum(types.seed),
							"seed of the state type keys");
	*keys = query_param_add(&query->params, INT8ARRAYOID,
							PointerGetDatum(construct_array(key_datums, types.nlabels, INT8OID, 8,
															FLOAT8PASSBYVAL, TYPALIGN_DOUBLE)),
							"state type keys");
	*labels = query_param_add(&query->params, TEXTARRAYOID,
							  PointerGetDatum(construct_array(label_datums, types.nlabels, TEXTOID,
															  -1, false, TYPALIGN_INT)),
							  "state type labels");
}

/* The filter compiler that fills the query's parameters and tables */
FilterCompiler
history_query_compiler(HistoryQuery *query)
{
	FilterCompiler fc = {&query->params, &query->tables};

	return fc;
}

void
init_history_query(HistoryQuery *query)
{
	memset(query, 0, sizeof(*query));
	initStringInfo(&query->sql);
	initStringInfo(&query->conditions);
}

/*
 * The statement over the laid-out intervals, with the filters' conditions
 * already in query->conditions.  Every argument is cast to the aggregate's
 * own types, and every operator and type is pg_catalog's: nothing another
 * role creates can match better, whatever search_path holds.
 */
void
finish_history_query(HistoryQuery *query, const HistoryRequest *req, Oid extension_namespace)
{
	PrefectTable run_table = (req->kind == RUN_FLOW) ? PT_FLOW_RUN : PT_TASK_RUN;
	const char *alias = (req->kind == RUN_FLOW) ? "fr" : "tr";
	QueryParams *params = &query->params;
	int			start;
	int			end;
	int			step;
	int			nbuckets;
	int			now;
	int			seed;
	int			keys;
	int			labels;

	query->layout.origin = req->start;
	query->layout.step_us = req->interval_us;
	query->layout.nbuckets = req->nbuckets;
	query->layout.now = GetCurrentTransactionStartTimestamp();
	start = query_param_add(params, TIMESTAMPTZOID, TimestampTzGetDatum(req->start), "history_start");
	end = query_param_add(params, TIMESTAMPTZOID,
						  TimestampTzGetDatum(req->start + req->interval_us * req->nbuckets),
						  "end of the last interval");
	step = query_param_add(params, INT8OID, Int64GetDatum(req->interval_us),
						   "interval length in microseconds");
	nbuckets = query_param_add(params, INT4OID, Int32GetDatum(req->nbuckets), "number of intervals");
	now = query_param_add(params, TIMESTAMPTZOID, TimestampTzGetDatum(query->layout.now), "now()");
	bind_state_type_keys(query, run_table_state_type(&query->tables, run_table), &seed, &keys, &labels);

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
					 alias, alias, seed, alias, alias, alias, alias,
					 start, step, nbuckets, now, keys, labels,
					 prefect_table_name(&query->tables, run_table), alias,
					 alias, start, alias, end, query->conditions.data);
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
