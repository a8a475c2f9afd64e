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
#include "miscadmin.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "datetime_io.h"
#include "history_output.h"

#define HISTORY_ROW_COLUMNS 7

typedef struct OutputGroup
{
	const StateGroup *group;
	char	   *type_label;		/* NULL when state_type is NULL */
	float4		type_order;		/* pg_enum.enumsortorder */
} OutputGroup;

static int
compare_output_groups(const void *a, const void *b)
{
	const OutputGroup *x = (const OutputGroup *) a;
	const OutputGroup *y = (const OutputGroup *) b;

	if (x->group->name_isnull != y->group->name_isnull)
		return x->group->name_isnull ? 1 : -1;
	if (!x->group->name_isnull)
	{
		int			cmp = memcmp(x->group->name, y->group->name,
								 Min(x->group->name_len, y->group->name_len));

		if (cmp != 0)
			return cmp;
		if (x->group->name_len != y->group->name_len)
			return x->group->name_len < y->group->name_len ? -1 : 1;
	}
	if ((x->type_label == NULL) != (y->type_label == NULL))
		return x->type_label == NULL ? 1 : -1;
	if (x->type_order != y->type_order)
		return x->type_order < y->type_order ? -1 : 1;
	return 0;
}

static OutputGroup *
ordered_groups(const BucketState *state, int *ngroups)
{
	OutputGroup *groups;

	*ngroups = state ? state->ngroups : 0;
	if (*ngroups == 0)
		return NULL;
	groups = palloc0(sizeof(OutputGroup) * *ngroups);
	for (int g = 0; g < *ngroups; g++)
	{
		const StateGroup *group = &state->groups[g];

		groups[g].group = group;
		if (OidIsValid(group->state_type))
			groups[g].type_label = state_type_enum_label(group->state_type,
														 &groups[g].type_order);
	}
	qsort(groups, *ngroups, sizeof(OutputGroup), compare_output_groups);
	return groups;
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

void
history_emit_rows(FunctionCallInfo fcinfo, const HistoryRequest *req,
				  const BucketState *state)
{
	ReturnSetInfo *rsinfo;
	int			ngroups;
	OutputGroup *groups = ordered_groups(state, &ngroups);
	Datum	   *type_text = palloc(sizeof(Datum) * Max(ngroups, 1));
	Datum	   *name_text = palloc(sizeof(Datum) * Max(ngroups, 1));

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	for (int g = 0; g < ngroups; g++)
	{
		type_text[g] = groups[g].type_label ? CStringGetTextDatum(groups[g].type_label) : 0;
		name_text[g] = groups[g].group->name_isnull ? 0 : CStringGetTextDatum(groups[g].group->name);
	}

	for (int b = 0; b < req->nbuckets; b++)
	{
		Datum		values[HISTORY_ROW_COLUMNS];
		bool		nulls[HISTORY_ROW_COLUMNS] = {false};
		Interval	run_time;
		Interval	lateness;
		bool		emitted = false;

		values[0] = TimestampTzGetDatum(bucket_start(req, b));
		values[1] = TimestampTzGetDatum(bucket_start(req, b) + req->interval_us);
		values[5] = IntervalPGetDatum(&run_time);
		values[6] = IntervalPGetDatum(&lateness);
		for (int g = 0; g < ngroups; g++)
		{
			const BucketCell *cell = bucket_state_cell(state, groups[g].group, b);

			if (cell->count == 0)
				continue;
			values[2] = type_text[g];
			nulls[2] = (groups[g].type_label == NULL);
			values[3] = name_text[g];
			nulls[3] = groups[g].group->name_isnull;
			values[4] = Int64GetDatum(cell->count);
			set_interval_us(&run_time, cell->run_us);
			set_interval_us(&lateness, cell->late_us);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			emitted = true;
		}
		if (!emitted)
		{
			/* an interval without runs is one row with no state */
			nulls[2] = nulls[3] = true;
			values[4] = Int64GetDatum(0);
			set_interval_us(&run_time, 0);
			set_interval_us(&lateness, 0);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
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

static Numeric
count_numeric(int64 count)
{
	return int64_to_numeric(count);
}

static JsonbValue
string_value(const char *s)
{
	JsonbValue	v;

	if (s == NULL)
		v.type = jbvNull;
	else
	{
		v.type = jbvString;
		v.val.string.val = (char *) s;
		v.val.string.len = strlen(s);
	}
	return v;
}

static JsonbValue
numeric_value(Numeric n)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = n;
	return v;
}

static void
set_pair(JsonbPair *pair, const char *key, JsonbValue value)
{
	pair->key = string_value(key);
	pair->value = value;
	pair->order = 0;
}

static char *
prefect_timestamp_text(TimestampTz ts)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_prefect_timestamp(&buf, ts);
	return buf.data;
}

/*
 * The answer is built as an in-memory JsonbValue tree and converted once.
 * Object keys are written in jsonb's own order (shorter first, then
 * bytewise), which JsonbValueToJsonb requires of a tree it did not sort.
 */
Jsonb *
history_to_jsonb(const HistoryRequest *req, const BucketState *state)
{
	int			ngroups;
	OutputGroup *groups = ordered_groups(state, &ngroups);
	JsonbValue	root;
	JsonbValue *intervals = palloc(sizeof(JsonbValue) * Max(req->nbuckets, 1));
	JsonbValue *type_values = palloc(sizeof(JsonbValue) * Max(ngroups, 1));
	JsonbValue *name_values = palloc(sizeof(JsonbValue) * Max(ngroups, 1));
	char	   *interval_start = prefect_timestamp_text(req->start);

	for (int g = 0; g < ngroups; g++)
	{
		type_values[g] = string_value(groups[g].type_label);
		name_values[g] = string_value(groups[g].group->name_isnull ? NULL : groups[g].group->name);
	}

	for (int b = 0; b < req->nbuckets; b++)
	{
		char	   *interval_end = prefect_timestamp_text(bucket_start(req, b) + req->interval_us);
		JsonbPair  *pairs = palloc(sizeof(JsonbPair) * 3);
		JsonbValue *states = palloc(sizeof(JsonbValue) * Max(ngroups, 1));
		JsonbValue	states_array;
		int			nstates = 0;

		for (int g = 0; g < ngroups; g++)
		{
			const BucketCell *cell = bucket_state_cell(state, groups[g].group, b);
			JsonbPair  *fields;

			if (cell->count == 0)
				continue;
			fields = palloc(sizeof(JsonbPair) * 5);
			set_pair(&fields[0], "count_runs", numeric_value(count_numeric(cell->count)));
			set_pair(&fields[1], "state_name", name_values[g]);
			set_pair(&fields[2], "state_type", type_values[g]);
			set_pair(&fields[3], "sum_estimated_lateness", numeric_value(seconds_numeric(cell->late_us)));
			set_pair(&fields[4], "sum_estimated_run_time", numeric_value(seconds_numeric(cell->run_us)));
			states[nstates].type = jbvObject;
			states[nstates].val.object.nPairs = 5;
			states[nstates].val.object.pairs = fields;
			nstates++;
		}
		states_array.type = jbvArray;
		states_array.val.array.nElems = nstates;
		states_array.val.array.elems = states;
		states_array.val.array.rawScalar = false;

		set_pair(&pairs[0], "states", states_array);
		set_pair(&pairs[1], "interval_end", string_value(interval_end));
		set_pair(&pairs[2], "interval_start", string_value(interval_start));
		intervals[b].type = jbvObject;
		intervals[b].val.object.nPairs = 3;
		intervals[b].val.object.pairs = pairs;
		interval_start = interval_end;
	}

	root.type = jbvArray;
	root.val.array.nElems = req->nbuckets;
	root.val.array.elems = intervals;
	root.val.array.rawScalar = false;
	return JsonbValueToJsonb(&root);
}
