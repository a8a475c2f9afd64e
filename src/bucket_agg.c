/*
 * bucket_agg.c
 *	  flow_history_bucket_agg(expected_start_time, state_type, state_name,
 *	  total_run_time, state_timestamp, start_time,
 *	  origin, step_us, nbuckets, now) -> bytea
 *
 * The one SPI query of a history call feeds raw run columns to this
 * aggregate.  Per row it finds the interval arithmetically, computes both
 * of Prefect's estimates on int64 microseconds, clamps them at zero and
 * adds them to the cell of (interval, state_type, state_name).  Transition,
 * combine, serial and deserial functions let Postgres aggregate in
 * parallel workers.  The result is the serialised state, read back by
 * bucket_state_decode(); its format is private to this file.
 *
 * Memory: the state, its groups and cells live in the aggregate context;
 * a row allocates only when it opens a new group or a new chunk of cells,
 * so memory grows with the number of distinct (state, interval) pairs,
 * never with the number of rows.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/fmgrprotos.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "bucket_agg.h"
#include "compat.h"
#include "request.h"

#define BUCKET_STATE_FORMAT 1

PG_FUNCTION_INFO_V1(flow_history_bucket_transfn);
PG_FUNCTION_INFO_V1(flow_history_bucket_combinefn);
PG_FUNCTION_INFO_V1(flow_history_bucket_serialfn);
PG_FUNCTION_INFO_V1(flow_history_bucket_deserialfn);

/* argument positions of the transition function */
enum
{
	ARG_STATE,
	ARG_EXPECTED_START,
	ARG_STATE_TYPE,
	ARG_STATE_NAME,
	ARG_TOTAL_RUN_TIME,
	ARG_STATE_TIMESTAMP,
	ARG_START_TIME,
	ARG_ORIGIN,
	ARG_STEP_US,
	ARG_NBUCKETS,
	ARG_NOW
};

static int
chunk_count(int32 nbuckets)
{
	return (nbuckets + BUCKET_CHUNK_SIZE - 1) / BUCKET_CHUNK_SIZE;
}

static BucketState *
bucket_state_create(MemoryContext context, TimestampTz origin, int64 step_us,
					int32 nbuckets, TimestampTz now)
{
	BucketState *state = MemoryContextAllocZero(context, sizeof(BucketState));
	int64		covered;
	int64		end;

	if (TIMESTAMP_NOT_FINITE(origin) || TIMESTAMP_NOT_FINITE(now) ||
		step_us <= 0 || nbuckets < 1 || nbuckets > MAX_HISTORY_INTERVALS ||
		pg_mul_s64_overflow(step_us, nbuckets, &covered) ||
		pg_add_s64_overflow(origin, covered, &end) || !IS_VALID_TIMESTAMP(end))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid interval layout for flow_history_bucket_agg"),
				 errdetail("origin and now must be finite, step_us positive and nbuckets between 1 and %d.",
						   MAX_HISTORY_INTERVALS)));
	state->origin = origin;
	state->step_us = step_us;
	state->nbuckets = nbuckets;
	state->now = now;
	state->context = context;
	state->maxgroups = 8;
	state->groups = MemoryContextAlloc(context, sizeof(StateGroup) * state->maxgroups);
	state->nslots = 32;
	state->slots = MemoryContextAllocZero(context, sizeof(int32) * state->nslots);
	state->last_group = -1;
	return state;
}

static uint32
group_hash(Oid state_type, bool name_isnull, const char *name, int32 len)
{
	uint32		h = name_isnull ? 0x5bd1e995 : hash_bytes((const unsigned char *) name, len);

	return hash_combine(h, murmurhash32((uint32) state_type));
}

/* The label of a state_type enum value, and its position in the enum. */
char *
state_type_enum_label(Oid state_type, float4 *sort_order)
{
	HeapTuple	tuple = SearchSysCache1(ENUMOID, ObjectIdGetDatum(state_type));
	Form_pg_enum en;
	char	   *label;

	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid internal value for enum: %u", state_type)));
	en = (Form_pg_enum) GETSTRUCT(tuple);
	label = pstrdup(NameStr(en->enumlabel));
	if (sort_order != NULL)
		*sort_order = en->enumsortorder;
	ReleaseSysCache(tuple);
	return label;
}

static StateKind
classify_state_type(Oid state_type)
{
	char	   *label;

	if (!OidIsValid(state_type))
		return STATE_KIND_NULL;
	label = state_type_enum_label(state_type, NULL);
	if (strcmp(label, "RUNNING") == 0)
		return STATE_KIND_RUNNING;
	if (strcmp(label, "COMPLETED") == 0 || strcmp(label, "CANCELLED") == 0 ||
		strcmp(label, "FAILED") == 0 || strcmp(label, "CRASHED") == 0)
		return STATE_KIND_TERMINAL;
	return STATE_KIND_OTHER;
}

static void
grow_slots(BucketState *state)
{
	int32		nslots = state->nslots * 2;
	int32	   *slots = MemoryContextAllocZero(state->context, sizeof(int32) * nslots);

	for (int g = 0; g < state->ngroups; g++)
	{
		uint32		i = state->groups[g].hash & (nslots - 1);

		while (slots[i] != 0)
			i = (i + 1) & (nslots - 1);
		slots[i] = g + 1;
	}
	pfree(state->slots);
	state->slots = slots;
	state->nslots = nslots;
}

static inline bool
group_matches(const StateGroup *group, Oid state_type, bool name_isnull,
			  const char *name, int32 len)
{
	return group->state_type == state_type && group->name_isnull == name_isnull &&
		group->name_len == len && memcmp(group->name, name, len) == 0;
}

/*
 * The group of (state_type, state_name), created on first sight.  Runs come
 * in index order, where neighbours mostly share a state: the previous row's
 * group is tried before hashing.
 */
static StateGroup *
find_group(BucketState *state, Oid state_type, bool name_isnull,
		   const char *name, int32 len, int kind)
{
	uint32		hash;
	uint32		mask = state->nslots - 1;
	uint32		i;
	StateGroup *group;

	if (state->last_group >= 0 &&
		group_matches(&state->groups[state->last_group], state_type, name_isnull, name, len))
		return &state->groups[state->last_group];

	hash = group_hash(state_type, name_isnull, name, len);
	for (i = hash & mask; state->slots[i] != 0; i = (i + 1) & mask)
	{
		group = &state->groups[state->slots[i] - 1];
		if (group->hash == hash && group_matches(group, state_type, name_isnull, name, len))
		{
			state->last_group = state->slots[i] - 1;
			return group;
		}
	}

	if (state->ngroups == state->maxgroups)
	{
		state->maxgroups *= 2;
		state->groups = repalloc(state->groups, sizeof(StateGroup) * state->maxgroups);
	}
	group = &state->groups[state->ngroups++];
	group->state_type = state_type;
	group->name_isnull = name_isnull;
	group->kind = (uint8) (kind >= 0 ? kind : (int) classify_state_type(state_type));
	group->name_len = len;
	group->name = MemoryContextAlloc(state->context, len + 1);
	memcpy(group->name, name, len);
	group->name[len] = '\0';
	group->hash = hash;
	group->chunks = MemoryContextAllocZero(state->context,
										   sizeof(BucketCell *) * chunk_count(state->nbuckets));
	state->slots[i] = state->ngroups;
	state->last_group = state->ngroups - 1;
	if (state->ngroups * 2 > state->nslots)
		grow_slots(state);
	return group;
}

static BucketCell *
group_cell(BucketState *state, StateGroup *group, int bucket)
{
	BucketCell **chunk = &group->chunks[bucket / BUCKET_CHUNK_SIZE];

	if (*chunk == NULL)
		*chunk = MemoryContextAllocZero(state->context, sizeof(BucketCell) * BUCKET_CHUNK_SIZE);
	return &(*chunk)[bucket % BUCKET_CHUNK_SIZE];
}

const BucketCell *
bucket_state_cell(const BucketState *state, const StateGroup *group, int bucket)
{
	static const BucketCell empty = {0};
	const BucketCell *chunk = group->chunks[bucket / BUCKET_CHUNK_SIZE];

	Assert(bucket >= 0 && bucket < state->nbuckets);
	return chunk ? &chunk[bucket % BUCKET_CHUNK_SIZE] : &empty;
}

static void
add_to_cell(BucketCell *cell, int64 count, int64 run_us, int64 late_us)
{
	if (pg_add_s64_overflow(cell->count, count, &cell->count) ||
		pg_add_s64_overflow(cell->run_us, run_us, &cell->run_us) ||
		pg_add_s64_overflow(cell->late_us, late_us, &cell->late_us))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of estimated run time or lateness is out of range"),
				 errdetail("A sum of one interval and state exceeds about 292,000 years.")));
}

pg_noreturn static void
estimate_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("estimated run time or lateness of a run is out of range"),
			 errdetail("A run has an infinite or extreme timestamp or total_run_time.")));
}

/* a - b for finite timestamps; Postgres refuses infinite ones */
static int64
timestamp_diff_us(TimestampTz a, TimestampTz b)
{
	int64		diff;

	if (TIMESTAMP_NOT_FINITE(a) || TIMESTAMP_NOT_FINITE(b) ||
		pg_sub_s64_overflow(a, b, &diff))
		estimate_out_of_range();
	return diff;
}

/*
 * EXTRACT(EPOCH FROM interval) in microseconds, as Postgres computes it:
 * a day is 86400 s, a month 30 days and a year 365.25 days.
 */
static int64
interval_epoch_us(const Interval *iv)
{
	int64		quarter_days = (int64) 1461 * (iv->month / MONTHS_PER_YEAR) +
		(int64) 120 * (iv->month % MONTHS_PER_YEAR) + (int64) 4 * iv->day;
	int64		us;

	if (pg_mul_s64_overflow(quarter_days, (SECS_PER_DAY / 4) * USECS_PER_SEC, &us) ||
		pg_add_s64_overflow(us, iv->time, &us))
		estimate_out_of_range();
	return us;
}

/* now() + total_run_time, the calendar part in UTC */
static TimestampTz
now_plus_interval(TimestampTz now, const Interval *iv)
{
	int64		days_us;
	TimestampTz result;

	if (iv->month != 0)
		return DatumGetTimestamp(DirectFunctionCall2(timestamp_pl_interval,
													 TimestampGetDatum(now),
													 IntervalPGetDatum(iv)));
	if (pg_mul_s64_overflow((int64) iv->day, USECS_PER_DAY, &days_us) ||
		pg_add_s64_overflow(now, days_us, &result) ||
		pg_add_s64_overflow(result, iv->time, &result) ||
		!IS_VALID_TIMESTAMP(result))
		estimate_out_of_range();
	return result;
}

/*
 * Prefect's estimated_run_time: total_run_time, plus the time since the
 * state began for a RUNNING run (NULL, hence 0, without state_timestamp).
 */
static int64
estimated_run_us(const BucketState *state, StateKind kind, FunctionCallInfo fcinfo)
{
	const Interval *total;
	int64		us;

	if (PG_ARGISNULL(ARG_TOTAL_RUN_TIME))
		return 0;
	total = PG_GETARG_INTERVAL_P(ARG_TOTAL_RUN_TIME);
	if (kind == STATE_KIND_RUNNING)
	{
		if (PG_ARGISNULL(ARG_STATE_TIMESTAMP))
			return 0;
		us = timestamp_diff_us(now_plus_interval(state->now, total),
							   PG_GETARG_TIMESTAMPTZ(ARG_STATE_TIMESTAMP));
	}
	else
		us = interval_epoch_us(total);
	return Max(us, 0);
}

/*
 * Prefect's estimated_start_time_delta: how late the run started, or for
 * a run not started and not finished, how late it is now.
 */
static int64
estimated_lateness_us(const BucketState *state, StateKind kind,
					  TimestampTz expected, FunctionCallInfo fcinfo)
{
	if (!PG_ARGISNULL(ARG_START_TIME))
	{
		TimestampTz start = PG_GETARG_TIMESTAMPTZ(ARG_START_TIME);

		return start > expected ? timestamp_diff_us(start, expected) : 0;
	}
	if ((kind == STATE_KIND_RUNNING || kind == STATE_KIND_OTHER) && expected < state->now)
		return state->now - expected;
	return 0;
}

/* The layout arguments: fixed for the whole aggregation. */
static BucketState *
layout_state(FunctionCallInfo fcinfo, BucketState *state, MemoryContext aggcontext)
{
	TimestampTz origin;
	int64		step_us;
	int32		nbuckets;
	TimestampTz now;

	if (PG_ARGISNULL(ARG_ORIGIN) || PG_ARGISNULL(ARG_STEP_US) ||
		PG_ARGISNULL(ARG_NBUCKETS) || PG_ARGISNULL(ARG_NOW))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("flow_history_bucket_agg needs non-null origin, step_us, nbuckets and now")));
	origin = PG_GETARG_TIMESTAMPTZ(ARG_ORIGIN);
	step_us = PG_GETARG_INT64(ARG_STEP_US);
	nbuckets = PG_GETARG_INT32(ARG_NBUCKETS);
	now = PG_GETARG_TIMESTAMPTZ(ARG_NOW);
	if (state == NULL)
		return bucket_state_create(aggcontext, origin, step_us, nbuckets, now);
	if (origin != state->origin || step_us != state->step_us ||
		nbuckets != state->nbuckets || now != state->now)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("flow_history_bucket_agg needs the same origin, step_us, nbuckets and now for every row")));
	return state;
}

Datum
flow_history_bucket_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	BucketState *state;
	TimestampTz expected;
	uint64		bucket;
	StateGroup *group;
	const char *name = "";
	int32		name_len = 0;
	int64		run_us;
	int64		late_us;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("flow_history_bucket_transfn called in non-aggregate context")));
	state = PG_ARGISNULL(ARG_STATE) ? NULL : (BucketState *) PG_GETARG_POINTER(ARG_STATE);
	state = layout_state(fcinfo, state, aggcontext);

	/* runs without an expected start, or outside the intervals, count nowhere */
	if (PG_ARGISNULL(ARG_EXPECTED_START))
		PG_RETURN_POINTER(state);
	expected = PG_GETARG_TIMESTAMPTZ(ARG_EXPECTED_START);
	if (TIMESTAMP_NOT_FINITE(expected) || expected < state->origin)
		PG_RETURN_POINTER(state);
	bucket = ((uint64) expected - (uint64) state->origin) / (uint64) state->step_us;
	if (bucket >= (uint64) state->nbuckets)
		PG_RETURN_POINTER(state);

	if (!PG_ARGISNULL(ARG_STATE_NAME))
	{
		text	   *t = PG_GETARG_TEXT_PP(ARG_STATE_NAME);

		name = VARDATA_ANY(t);
		name_len = VARSIZE_ANY_EXHDR(t);
	}
	group = find_group(state,
					   PG_ARGISNULL(ARG_STATE_TYPE) ? InvalidOid : PG_GETARG_OID(ARG_STATE_TYPE),
					   PG_ARGISNULL(ARG_STATE_NAME), name, name_len, -1);
	run_us = estimated_run_us(state, group->kind, fcinfo);
	late_us = estimated_lateness_us(state, group->kind, expected, fcinfo);
	add_to_cell(group_cell(state, group, (int) bucket), 1, run_us, late_us);
	PG_RETURN_POINTER(state);
}

/* Add src's groups and cells into dst. */
static void
merge_states(BucketState *dst, const BucketState *src)
{
	if (src->origin != dst->origin || src->step_us != dst->step_us ||
		src->nbuckets != dst->nbuckets || src->now != dst->now)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine flow_history_bucket_agg states of different layouts")));
	for (int g = 0; g < src->ngroups; g++)
	{
		const StateGroup *from = &src->groups[g];
		StateGroup *to = find_group(dst, from->state_type, from->name_isnull,
									from->name, from->name_len, from->kind);

		for (int b = 0; b < src->nbuckets; b++)
		{
			const BucketCell *cell = bucket_state_cell(src, from, b);

			if (cell->count > 0)
				add_to_cell(group_cell(dst, to, b), cell->count, cell->run_us, cell->late_us);
		}
	}
}

Datum
flow_history_bucket_combinefn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	BucketState *dst = PG_ARGISNULL(0) ? NULL : (BucketState *) PG_GETARG_POINTER(0);
	BucketState *src = PG_ARGISNULL(1) ? NULL : (BucketState *) PG_GETARG_POINTER(1);

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("flow_history_bucket_combinefn called in non-aggregate context")));
	if (src == NULL)
		PG_RETURN_POINTER(dst);
	if (dst == NULL)
		dst = bucket_state_create(aggcontext, src->origin, src->step_us, src->nbuckets, src->now);
	merge_states(dst, src);
	PG_RETURN_POINTER(dst);
}

static bytea *
serialize_state(const BucketState *state)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, BUCKET_STATE_FORMAT);
	pq_sendint64(&buf, state->origin);
	pq_sendint64(&buf, state->step_us);
	pq_sendint32(&buf, state->nbuckets);
	pq_sendint64(&buf, state->now);
	pq_sendint32(&buf, state->ngroups);
	for (int g = 0; g < state->ngroups; g++)
	{
		const StateGroup *group = &state->groups[g];
		int32		ncells = 0;

		pq_sendint32(&buf, group->state_type);
		pq_sendbyte(&buf, group->name_isnull);
		pq_sendbyte(&buf, group->kind);
		pq_sendint32(&buf, group->name_len);
		pq_sendbytes(&buf, group->name, group->name_len);
		for (int b = 0; b < state->nbuckets; b++)
			ncells += bucket_state_cell(state, group, b)->count > 0;
		pq_sendint32(&buf, ncells);
		for (int b = 0; b < state->nbuckets; b++)
		{
			const BucketCell *cell = bucket_state_cell(state, group, b);

			if (cell->count == 0)
				continue;
			pq_sendint32(&buf, b);
			pq_sendint64(&buf, cell->count);
			pq_sendint64(&buf, cell->run_us);
			pq_sendint64(&buf, cell->late_us);
		}
	}
	return pq_endtypsend(&buf);
}

pg_noreturn static void
corrupt_state(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid flow_history_bucket_agg state")));
}

static BucketState *
deserialize_state(bytea *data, MemoryContext context)
{
	StringInfoData buf;
	BucketState *state;
	TimestampTz origin;
	int64		step_us;
	int32		nbuckets;
	int32		ngroups;

	buf.data = VARDATA_ANY(data);
	buf.len = VARSIZE_ANY_EXHDR(data);
	buf.maxlen = buf.len;
	buf.cursor = 0;

	if (pq_getmsgint(&buf, 4) != BUCKET_STATE_FORMAT)
		corrupt_state();
	origin = pq_getmsgint64(&buf);
	step_us = pq_getmsgint64(&buf);
	nbuckets = pq_getmsgint(&buf, 4);
	state = bucket_state_create(context, origin, step_us, nbuckets, pq_getmsgint64(&buf));
	ngroups = pq_getmsgint(&buf, 4);
	if (ngroups < 0)
		corrupt_state();
	for (int g = 0; g < ngroups; g++)
	{
		Oid			state_type = pq_getmsgint(&buf, 4);
		bool		name_isnull = pq_getmsgbyte(&buf) != 0;
		int			kind = pq_getmsgbyte(&buf);
		int32		name_len = pq_getmsgint(&buf, 4);
		const char *name;
		StateGroup *group;
		int32		ncells;

		if (name_len < 0 || name_len > buf.len - buf.cursor || kind > STATE_KIND_OTHER)
			corrupt_state();
		name = pq_getmsgbytes(&buf, name_len);
		group = find_group(state, state_type, name_isnull, name, name_len, kind);
		ncells = pq_getmsgint(&buf, 4);
		if (ncells < 0 || ncells > nbuckets)
			corrupt_state();
		for (int c = 0; c < ncells; c++)
		{
			int32		bucket = pq_getmsgint(&buf, 4);
			int64		count = pq_getmsgint64(&buf);
			int64		run_us = pq_getmsgint64(&buf);
			int64		late_us = pq_getmsgint64(&buf);

			if (bucket < 0 || bucket >= nbuckets || count <= 0)
				corrupt_state();
			add_to_cell(group_cell(state, group, bucket), count, run_us, late_us);
		}
	}
	pq_getmsgend(&buf);
	return state;
}

Datum
flow_history_bucket_serialfn(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(serialize_state((BucketState *) PG_GETARG_POINTER(0)));
}

Datum
flow_history_bucket_deserialfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("flow_history_bucket_deserialfn called in non-aggregate context")));
	PG_RETURN_POINTER(deserialize_state(PG_GETARG_BYTEA_PP(0), aggcontext));
}

/* The aggregate's result, read back in the caller's memory context. */
BucketState *
bucket_state_decode(bytea *data)
{
	return deserialize_state(data, CurrentMemoryContext);
}
