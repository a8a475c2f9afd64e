/*
 * history_output.c
 *	  A computed history as SQL rows, or as the JSON body Prefect returns.
 *
 * Both list every interval in order, empty ones included, and within an
 * interval the states ordered by state_name (bytewise, NULL last), then by
 * state_type in the enum's order (NULL last).  Prefect leaves that order
 * undefined; fixing one makes answers comparable and diffable.
 */
#include "postgres.h"

#include "funcapi.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "datetime_io.h"
#include "history_output.h"

#define HISTORY_ROW_COLUMNS 7

/* Groups by state_name (bytewise, NULL last), then state_type (enum order, NULL last) */
static int
compare_groups(const HistoryGroup *x, const HistoryGroup *y)
{
	if (x->name_isnull != y->name_isnull)
		return x->name_isnull ? 1 : -1;
	if (!x->name_isnull)
	{
		int			cmp = memcmp(x->name, y->name, Min(x->name_len, y->name_len));

		if (cmp != 0)
			return cmp;
		if (x->name_len != y->name_len)
			return x->name_len < y->name_len ? -1 : 1;
	}
	if ((x->type_order < 0) != (y->type_order < 0))
		return x->type_order < 0 ? 1 : -1;
	return (x->type_order > y->type_order) - (x->type_order < y->type_order);
}

static int
compare_group_indexes(const void *a, const void *b, void *arg)
{
	const HistoryGroup *groups = (const HistoryGroup *) arg;

	return compare_groups(&groups[*(const int32 *) a], &groups[*(const int32 *) b]);
}

static int
compare_cells(const void *a, const void *b, void *arg)
{
	const BucketCell *x = (const BucketCell *) a;
	const BucketCell *y = (const BucketCell *) b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return (x->group > y->group) - (x->group < y->group);
}

/*
 * Put the groups in the answer's order and the cells in interval order,
 * then group order, so that each interval's states are one run of cells.
 */
static void
order_result(HistoryResult *result)
{
	int32	   *order = palloc_extended(sizeof(int32) * Max(result->ngroups, 1), MCXT_ALLOC_HUGE);
	int32	   *rank = palloc_extended(sizeof(int32) * Max(result->ngroups, 1), MCXT_ALLOC_HUGE);
	HistoryGroup *sorted = palloc_extended(sizeof(HistoryGroup) * Max(result->ngroups, 1),
										   MCXT_ALLOC_HUGE);

	for (int32 g = 0; g < result->ngroups; g++)
		order[g] = g;
	qsort_interruptible(order, result->ngroups, sizeof(int32), compare_group_indexes,
						result->groups);
	for (int32 i = 0; i < result->ngroups; i++)
	{
		CHECK_FOR_INTERRUPTS();
		rank[order[i]] = i;
		sorted[i] = result->groups[order[i]];
	}
	for (int64 c = 0; c < result->ncells; c++)
	{
		CHECK_FOR_INTERRUPTS();
		result->cells[c].group = rank[result->cells[c].group];
	}
	qsort_interruptible(result->cells, result->ncells, sizeof(BucketCell), compare_cells, NULL);
	pfree(result->groups);
	result->groups = sorted;
	pfree(order);
	pfree(rank);
}

static TimestampTz
bucket_start(const HistoryRequest *req, int bucket)
{
	return req->start + req->interval_us * bucket;
}

static void
set_interval_us(Interval *iv, int64 us)
{
	iv->month = 0;
	iv->day = (int32) (us / USECS_PER_DAY);
	iv->time = us % USECS_PER_DAY;
}

/*
 * The columns the SQL function declares must be the ones written here: a
 * catalog of another version than the library is refused, not misread.
 */
static void
check_row_type(TupleDesc desc)
{
	static const Oid columns[HISTORY_ROW_COLUMNS] = {
		TIMESTAMPTZOID, TIMESTAMPTZOID, TEXTOID, TEXTOID, INT8OID, INTERVALOID, INTERVALOID
	};
	bool		matches = desc->natts == HISTORY_ROW_COLUMNS;

	for (int i = 0; matches && i < HISTORY_ROW_COLUMNS; i++)
		matches = TupleDescAttr(desc, i)->atttypid == columns[i];
	if (!matches)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("the history function's result columns are not the ones flow_history's library returns"),
				 errhint("Run ALTER EXTENSION flow_history UPDATE.")));
}

/* The number of cells from *next on that belong to bucket */
static int64
bucket_cell_count(const HistoryResult *result, int64 next, int bucket)
{
	int64		end = next;

	while (end < result->ncells && result->cells[end].bucket == bucket)
		end++;
	return end - next;
}

void
history_emit_rows(FunctionCallInfo fcinfo, const HistoryRequest *req, HistoryResult *result)
{
	ReturnSetInfo *rsinfo;
	int32		ngroups = result ? result->ngroups : 0;
	Datum	   *name_text = palloc_extended(sizeof(Datum) * Max(ngroups, 1), MCXT_ALLOC_HUGE);
	Datum	   *type_text = palloc_extended(sizeof(Datum) * Max(ngroups, 1), MCXT_ALLOC_HUGE);
	int64		next = 0;

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	check_row_type(rsinfo->setDesc);
	if (result)
		order_result(result);

	for (int32 g = 0; g < ngroups; g++)
	{
		const HistoryGroup *group = &result->groups[g];

		CHECK_FOR_INTERRUPTS();
		/* state types are few: share the text of one label */
		type_text[g] = (Datum) 0;
		if (group->type_label != NULL)
			type_text[g] = (g > 0 && result->groups[g - 1].type_label == group->type_label) ?
				type_text[g - 1] : CStringGetTextDatum(group->type_label);
		name_text[g] = group->name_isnull ? (Datum) 0 :
			PointerGetDatum(cstring_to_text_with_len(group->name, group->name_len));
	}

	for (int b = 0; b < req->nbuckets; b++)
	{
		Datum		values[HISTORY_ROW_COLUMNS];
		bool		nulls[HISTORY_ROW_COLUMNS] = {false};
		Interval	run_time;
		Interval	lateness;
		int64		ncells = result ? bucket_cell_count(result, next, b) : 0;

		values[0] = TimestampTzGetDatum(bucket_start(req, b));
		values[1] = TimestampTzGetDatum(bucket_start(req, b) + req->interval_us);
		values[5] = IntervalPGetDatum(&run_time);
		values[6] = IntervalPGetDatum(&lateness);
		if (ncells == 0)
		{
			/* an interval without runs is one row with no state */
			nulls[2] = nulls[3] = true;
			values[4] = Int64GetDatum(0);
			set_interval_us(&run_time, 0);
			set_interval_us(&lateness, 0);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		for (int64 c = next; c < next + ncells; c++)
		{
			const BucketCell *cell = &result->cells[c];

			CHECK_FOR_INTERRUPTS();
			values[2] = type_text[cell->group];
			nulls[2] = (result->groups[cell->group].type_label == NULL);
			values[3] = name_text[cell->group];
			nulls[3] = result->groups[cell->group].name_isnull;
			values[4] = Int64GetDatum(cell->count);
			set_interval_us(&run_time, cell->run_us);
			set_interval_us(&lateness, cell->late_us);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		next += ncells;
	}
}

/* Seconds as Prefect writes them: the shortest exact decimal, with at least
 * one fractional digit (0.0, 120.0, 629.75, 0.000001). */
static Numeric
seconds_numeric(int64 us)
{
	int			scale = 6;

	Assert(us >= 0);
	while (scale > 1 && us % 10 == 0)
	{
		us /= 10;
		scale--;
	}
	return int64_div_fast_to_numeric(us, scale);
}

/*
 * Writing jsonb directly, in the layout jsonb_util.c's convertJsonbValue()
 * gives it (jsonb's on-disk format, fixed for pg_upgrade): a container is a
 * header (its count and kind), one JEntry per child, then the children, an
 * object's keys before its values.  A JEntry holds the child's type and
 * length, or every JB_OFFSET_STRIDE'th the running offset; numerics and
 * containers are padded to 4 bytes, the padding counted as their data.
 * Children are appended one at a time, so the answer needs no tree.
 */
typedef struct JsonbContainerWriter
{
	StringInfo	buf;
	int			start;			/* where the container begins, before padding */
	int			jentries;		/* where its JEntries are */
	int			count;			/* children written */
	int64		total;			/* bytes of the children so far */
} JsonbContainerWriter;

static void
pad_to_uint32(StringInfo buf)
{
	while (buf->len % sizeof(uint32) != 0)
		appendStringInfoChar(buf, '\0');
}

static void
container_begin(JsonbContainerWriter *w, StringInfo buf, uint32 kind, int64 nchildren)
{
	uint32		header;

	if (nchildren > JB_CMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the JSON answer has more elements than jsonb allows in an array"),
				 errhint("Ask for fewer intervals, or use the row form.")));
	header = (uint32) nchildren | kind;
	w->buf = buf;
	w->start = buf->len;
	pad_to_uint32(buf);
	appendBinaryStringInfo(buf, (char *) &header, sizeof(uint32));
	w->jentries = buf->len;
	appendStringInfoSpaces(buf, sizeof(JEntry) * (kind == JB_FOBJECT ? 2 * nchildren : nchildren));
	w->count = 0;
	w->total = 0;
}

/* The child written since child_start, of the given JEntry type */
static void
container_child(JsonbContainerWriter *w, int child_start, JEntry type)
{
	int			len = w->buf->len - child_start;
	JEntry		entry;

	w->total += len;
	if (w->total > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the JSON answer exceeds jsonb's maximum size of %d bytes", JENTRY_OFFLENMASK),
				 errhint("Ask for fewer intervals, or use the row form or the text form.")));
	entry = type | (w->count % JB_OFFSET_STRIDE == 0 ?
					((JEntry) w->total | JENTRY_HAS_OFF) : (JEntry) len);
	memcpy(w->buf->data + w->jentries + sizeof(JEntry) * w->count, &entry, sizeof(JEntry));
	w->count++;
}

static void
put_string(JsonbContainerWriter *w, const char *s, int len)
{
	int			start = w->buf->len;

	if (s == NULL)
	{
		container_child(w, start, JENTRY_ISNULL);
		return;
	}
	appendBinaryStringInfo(w->buf, s, len);
	container_child(w, start, JENTRY_ISSTRING);
}

static void
put_numeric(JsonbContainerWriter *w, Numeric n)
{
	int			start = w->buf->len;

	pad_to_uint32(w->buf);
	appendBinaryStringInfo(w->buf, (char *) n, VARSIZE_ANY(n));
	container_child(w, start, JENTRY_ISNUMERIC);
}

/* Object keys, in jsonb's order: shorter first, then bytewise */
static void
put_keys(JsonbContainerWriter *w, const char *const *keys, int nkeys)
{
	for (int i = 0; i < nkeys; i++)
		put_string(w, keys[i], strlen(keys[i]));
}

/* One state object of Prefect's answer */
static void
put_state(JsonbContainerWriter *states, const HistoryGroup *group, const BucketCell *cell)
{
	static const char *const keys[] = {
		"count_runs", "state_name", "state_type", "sum_estimated_lateness", "sum_estimated_run_time"
	};
	JsonbContainerWriter object;

	container_begin(&object, states->buf, JB_FOBJECT, lengthof(keys));
	put_keys(&object, keys, lengthof(keys));
	put_numeric(&object, int64_to_numeric(cell->count));
	put_string(&object, group->name_isnull ? NULL : group->name, group->name_len);
	put_string(&object, group->type_label, group->type_label ? strlen(group->type_label) : 0);
	put_numeric(&object, seconds_numeric(cell->late_us));
	put_numeric(&object, seconds_numeric(cell->run_us));
	container_child(states, object.start, JENTRY_ISCONTAINER);
}

static char *
prefect_timestamp_text(TimestampTz ts)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_prefect_timestamp(&buf, ts);
	return buf.data;
}

/* The object of interval b: {"states": [...], "interval_end", "interval_start"} */
static void
put_interval(JsonbContainerWriter *intervals, const HistoryRequest *req,
			 const HistoryResult *result, int b, int64 first_cell, int64 nstates)
{
	static const char *const keys[] = {"states", "interval_end", "interval_start"};
	JsonbContainerWriter object;
	JsonbContainerWriter states;
	char	   *end = prefect_timestamp_text(bucket_start(req, b) + req->interval_us);
	char	   *start = prefect_timestamp_text(bucket_start(req, b));

	container_begin(&object, intervals->buf, JB_FOBJECT, lengthof(keys));
	put_keys(&object, keys, lengthof(keys));
	container_begin(&states, object.buf, JB_FARRAY, nstates);
	for (int64 i = 0; i < nstates; i++)
	{
		const BucketCell *cell = &result->cells[first_cell + i];

		CHECK_FOR_INTERRUPTS();
		put_state(&states, &result->groups[cell->group], cell);
	}
	container_child(&object, states.start, JENTRY_ISCONTAINER);
	put_string(&object, end, strlen(end));
	put_string(&object, start, strlen(start));
	container_child(intervals, object.start, JENTRY_ISCONTAINER);
	pfree(end);
	pfree(start);
}

/* Prefect's answer as jsonb, written state by state */
Jsonb *
history_to_jsonb(const HistoryRequest *req, HistoryResult *result)
{
	StringInfoData buf;
	JsonbContainerWriter intervals;
	int64		next = 0;

	if (result)
		order_result(result);
	initStringInfo(&buf);
	appendStringInfoSpaces(&buf, VARHDRSZ);
	container_begin(&intervals, &buf, JB_FARRAY, req->nbuckets);
	for (int b = 0; b < req->nbuckets; b++)
	{
		int64		nstates = result ? bucket_cell_count(result, next, b) : 0;

		put_interval(&intervals, req, result, b, next, nstates);
		next += nstates;
	}
	SET_VARSIZE(buf.data, buf.len);
	return (Jsonb *) buf.data;
}

/* A JSON string as pydantic-core writes it: UTF-8 kept, '"', '\' and control characters escaped */
static void
append_json_string(StringInfo buf, const char *s, int len)
{
	appendStringInfoChar(buf, '"');
	for (int i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		switch (c)
		{
			case '"':
				appendStringInfoString(buf, "\\\"");
				break;
			case '\\':
				appendStringInfoString(buf, "\\\\");
				break;
			case '\b':
				appendStringInfoString(buf, "\\b");
				break;
			case '\f':
				appendStringInfoString(buf, "\\f");
				break;
			case '\n':
				appendStringInfoString(buf, "\\n");
				break;
			case '\r':
				appendStringInfoString(buf, "\\r");
				break;
			case '\t':
				appendStringInfoString(buf, "\\t");
				break;
			default:
				if (c < 0x20)
					appendStringInfo(buf, "\\u%04x", c);
				else
					appendStringInfoChar(buf, (char) c);
		}
	}
	appendStringInfoChar(buf, '"');
}

/*
 * Seconds as Prefect's server writes a float: 0.0, 120.0, 629.75, 0.00001;
 * below 1e-5 with an exponent (1e-6 ... 9e-6).
 */
static void
append_seconds(StringInfo buf, int64 us)
{
	char		fraction[7];
	int			digits = 6;

	if (us > 0 && us < 10)
	{
		appendStringInfo(buf, INT64_FORMAT "e-6", us);
		return;
	}
	snprintf(fraction, sizeof(fraction), "%06d", (int) (us % USECS_PER_SEC));
	while (digits > 1 && fraction[digits - 1] == '0')
		digits--;
	appendStringInfo(buf, INT64_FORMAT ".%.*s", us / USECS_PER_SEC, digits, fraction);
}

/*
 * Prefect's response body as text in one pass, keys in the order of its
 * models and without spaces, as its server sends it: what an API server
 * returns as is, without a jsonb-to-text conversion.
 */
text *
history_to_json_text(const HistoryRequest *req, HistoryResult *result)
{
	StringInfoData buf;
	int64		next = 0;

	if (result)
		order_result(result);
	initStringInfo(&buf);
	appendStringInfoSpaces(&buf, VARHDRSZ);
	appendStringInfoChar(&buf, '[');
	for (int b = 0; b < req->nbuckets; b++)
	{
		int64		nstates = result ? bucket_cell_count(result, next, b) : 0;

		appendStringInfoString(&buf, b == 0 ? "{\"interval_start\":\"" : ",{\"interval_start\":\"");
		append_prefect_timestamp(&buf, bucket_start(req, b));
		appendStringInfoString(&buf, "\",\"interval_end\":\"");
		append_prefect_timestamp(&buf, bucket_start(req, b) + req->interval_us);
		appendStringInfoString(&buf, "\",\"states\":[");
		for (int64 i = 0; i < nstates; i++)
		{
			const BucketCell *cell = &result->cells[next + i];
			const HistoryGroup *group = &result->groups[cell->group];

			CHECK_FOR_INTERRUPTS();
			appendStringInfoString(&buf, i == 0 ? "{\"state_type\":" : ",{\"state_type\":");
			if (group->type_label)
				append_json_string(&buf, group->type_label, strlen(group->type_label));
			else
				appendStringInfoString(&buf, "null");
			appendStringInfoString(&buf, ",\"state_name\":");
			if (group->name_isnull)
				appendStringInfoString(&buf, "null");
			else
				append_json_string(&buf, group->name, group->name_len);
			appendStringInfo(&buf, ",\"count_runs\":" INT64_FORMAT ",\"sum_estimated_run_time\":",
							 cell->count);
			append_seconds(&buf, cell->run_us);
			appendStringInfoString(&buf, ",\"sum_estimated_lateness\":");
			append_seconds(&buf, cell->late_us);
			appendStringInfoChar(&buf, '}');
		}
		next += nstates;
		appendStringInfoString(&buf, "]}");
	}
	appendStringInfoChar(&buf, ']');
	SET_VARSIZE(buf.data, buf.len);
	return (text *) buf.data;
}
