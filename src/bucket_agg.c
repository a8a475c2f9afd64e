/*
 * bucket_agg.c
 *	  flow_history_bucket_agg(expected_start_time, state_type_key,
 *	  state_name, total_run_time, state_timestamp, start_time,
 *	  origin, step_us, nbuckets, now, state_type_keys, state_type_labels)
 *	  -> bytea
 *
 * The one SPI query of a history call feeds raw run columns to this
 * aggregate.  Per row it finds the interval arithmetically, computes both
 * of Prefect's estimates on int64 microseconds, clamps them at zero and
 * adds them to the cell of (interval, state_type, state_name).  Transition,
 * combine, serial and deserial functions let Postgres aggregate in
 * parallel workers.  The result is the serialised state, read back by
 * history_result_read(); its format is private to this file.
 *
 * Every argument has a concrete type, so that no overload can match a call
 * better than this aggregate: the query passes the state_type enum as
 * pg_catalog.hashenumextended(state_type, seed), and the labels of the
 * enum with their keys as two arrays, in the enum's order.
 *
 * Memory: a group per distinct (state_type, state_name) and a cell per
 * (group, interval) that holds runs, found by hashing; rows allocate
 * nothing else.  Memory grows with the answer, never with the rows, and
 * never as groups x intervals.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "common/int128.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

#include "bucket_agg.h"
#include "compat.h"
#include "state_types.h"

/* 2: state types as keys with a label table, cells instead of chunks */
#define BUCKET_STATE_FORMAT 2

/* names are copied into blocks of this size; longer ones get their own */
#define NAME_BLOCK_SIZE 65536

PG_FUNCTION_INFO_V1(flow_history_bucket_transfn_1_1);
PG_FUNCTION_INFO_V1(flow_history_bucket_combinefn_1_1);
PG_FUNCTION_INFO_V1(flow_history_bucket_serialfn_1_1);
PG_FUNCTION_INFO_V1(flow_history_bucket_deserialfn_1_1);

/* argument positions of the transition function */
enum
{
	ARG_STATE,
	ARG_EXPECTED_START,
	ARG_STATE_TYPE_KEY,
	ARG_STATE_NAME,
	ARG_TOTAL_RUN_TIME,
	ARG_STATE_TIMESTAMP,
	ARG_START_TIME,
	ARG_ORIGIN,
	ARG_STEP_US,
	ARG_NBUCKETS,
	ARG_NOW,
	ARG_STATE_TYPE_KEYS,
	ARG_STATE_TYPE_LABELS
};

/* One (state_type, state_name) pair seen in the rows */
typedef struct StateGroup
{
	int64		type_key;
	int32		type_index;		/* into the label table, -1 when NULL */
	bool		name_isnull;
	uint8		kind;			/* StateKind */
	int32		name_len;
	const char *name;
	uint32		hash;
	int32		last_bucket;	/* the interval of this group's last row ... */
	int32		last_cell;		/* ... and its cell, -1 if none yet */
} StateGroup;

typedef struct BucketState
{
	BucketLayout layout;
	/* the state_type enum: keys and labels in the enum's order */
	int32		ntypes;
	int64	   *type_keys;
	char	  **type_labels;
	bool		check_types;	/* must each row's arrays be compared? */
	Datum		keys_arg;		/* copies of the arrays as first passed */
	Datum		labels_arg;
	/* groups, hashed on (type, name) */
	int32		ngroups;
	int32		maxgroups;
	StateGroup *groups;
	int32		group_slots_mask;
	int32	   *group_slots;	/* group index + 1, 0 when free */
	int32		last_group;		/* the previous row's group, -1 if none */
	/* cells, hashed on (group, bucket) */
	int32		ncells;
	int32		maxcells;
	BucketCell *cells;
	int32		cell_slots_mask;
	int32	   *cell_slots;		/* cell index + 1, 0 when free */
	/* where names are copied */
	char	   *name_block;
	Size		name_block_left;
	MemoryContext context;
} BucketState;

static pg_noreturn void
corrupt_state(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid flow_history_bucket_agg state"),
			 errdetail_internal("%s", detail)));
}

static pg_noreturn void
estimate_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("estimated run time or lateness of a run is out of range"),
			 errdetail("A run has an infinite or extreme timestamp or total_run_time.")));
}

static void
check_layout(const BucketLayout *layout)
{
	int64		covered;
	int64		end;

	if (TIMESTAMP_NOT_FINITE(layout->origin) || TIMESTAMP_NOT_FINITE(layout->now) ||
		layout->step_us <= 0 || layout->nbuckets < 1 ||
		pg_mul_s64_overflow(layout->step_us, layout->nbuckets, &covered) ||
		pg_add_s64_overflow(layout->origin, covered, &end) || !IS_VALID_TIMESTAMP(end))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid interval layout for flow_history_bucket_agg"),
				 errdetail("origin and now must be finite, step_us and nbuckets positive, and the last interval must end within the timestamp range.")));
}

static bool
same_layout(const BucketLayout *a, const BucketLayout *b)
{
	return a->origin == b->origin && a->step_us == b->step_us &&
		a->nbuckets == b->nbuckets && a->now == b->now;
}

static void *
state_alloc(BucketState *state, Size size)
{
	return MemoryContextAllocExtended(state->context, size, MCXT_ALLOC_HUGE);
}

static int32 *
alloc_slots(BucketState *state, int32 nslots)
{
	return MemoryContextAllocExtended(state->context, sizeof(int32) * nslots,
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

static BucketState *
bucket_state_create(MemoryContext context, const BucketLayout *layout)
{
	BucketState *state = MemoryContextAllocZero(context, sizeof(BucketState));

	check_layout(layout);
	state->context = context;
	state->layout = *layout;
	state->maxgroups = 8;
	state->groups = state_alloc(state, sizeof(StateGroup) * state->maxgroups);
	state->group_slots_mask = 31;
	state->group_slots = alloc_slots(state, 32);
	state->last_group = -1;
	state->maxcells = 32;
	state->cells = state_alloc(state, sizeof(BucketCell) * state->maxcells);
	state->cell_slots_mask = 127;
	state->cell_slots = alloc_slots(state, 128);
	return state;
}

/* The label table; keys must be distinct, or two types would merge. */
static void
set_state_types(BucketState *state, int32 ntypes, const int64 *keys, char *const *labels)
{
	state->ntypes = ntypes;
	state->type_keys = state_alloc(state, sizeof(int64) * Max(ntypes, 1));
	state->type_labels = state_alloc(state, sizeof(char *) * Max(ntypes, 1));
	if (!state_type_keys_distinct(keys, ntypes))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("state_type_keys of flow_history_bucket_agg must be distinct")));
	for (int i = 0; i < ntypes; i++)
	{
		CHECK_FOR_INTERRUPTS();
		state->type_keys[i] = keys[i];
		state->type_labels[i] = MemoryContextStrdup(state->context, labels[i]);
	}
}

/* Is the aggregate's argument (argno of the transition function) a constant or query parameter? */
static bool
aggregate_arg_is_constant(FunctionCallInfo fcinfo, int argno)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	Node	   *arg;

	if (aggref == NULL || list_length(aggref->args) < argno)
		return false;
	arg = (Node *) ((TargetEntry *) list_nth(aggref->args, argno - 1))->expr;
	return IsA(arg, Const) ||
		(IsA(arg, Param) && ((Param *) arg)->paramkind == PARAM_EXTERN);
}

static void
state_types_from_args(BucketState *state, FunctionCallInfo fcinfo)
{
	ArrayType  *keys = PG_GETARG_ARRAYTYPE_P(ARG_STATE_TYPE_KEYS);
	ArrayType  *labels = PG_GETARG_ARRAYTYPE_P(ARG_STATE_TYPE_LABELS);
	Datum	   *key_datums;
	Datum	   *label_datums;
	bool	   *key_nulls;
	bool	   *label_nulls;
	int			nkeys;
	int			nlabels;
	int64	   *key_values;
	char	  **label_values;

	deconstruct_array(keys, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &key_datums, &key_nulls, &nkeys);
	deconstruct_array(labels, TEXTOID, -1, false, TYPALIGN_INT,
					  &label_datums, &label_nulls, &nlabels);
	if (nkeys != nlabels || array_contains_nulls(keys) || array_contains_nulls(labels))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("state_type_keys and state_type_labels of flow_history_bucket_agg must be arrays of the same length without NULLs")));
	key_values = palloc(sizeof(int64) * Max(nkeys, 1));
	label_values = palloc(sizeof(char *) * Max(nkeys, 1));
	for (int i = 0; i < nkeys; i++)
	{
		CHECK_FOR_INTERRUPTS();
		key_values[i] = DatumGetInt64(key_datums[i]);
		label_values[i] = TextDatumGetCString(label_datums[i]);
	}
	set_state_types(state, nkeys, key_values, label_values);
	state->check_types = !(aggregate_arg_is_constant(fcinfo, ARG_STATE_TYPE_KEYS) &&
						   aggregate_arg_is_constant(fcinfo, ARG_STATE_TYPE_LABELS));
	if (state->check_types)
	{
		MemoryContext old = MemoryContextSwitchTo(state->context);

		state->keys_arg = PointerGetDatum(PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(ARG_STATE_TYPE_KEYS)));
		state->labels_arg = PointerGetDatum(PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(ARG_STATE_TYPE_LABELS)));
		MemoryContextSwitchTo(old);
	}
}

/*
 * A row's label arrays must be the first row's.  Constants and the query's
 * parameters cannot change, so only computed arrays are compared.
 */
static void
check_same_state_types(const BucketState *state, FunctionCallInfo fcinfo)
{
	if (!state->check_types ||
		(datumIsEqual(PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(ARG_STATE_TYPE_KEYS))),
					  state->keys_arg, false, -1) &&
		 datumIsEqual(PointerGetDatum(PG_DETOAST_DATUM(PG_GETARG_DATUM(ARG_STATE_TYPE_LABELS))),
					  state->labels_arg, false, -1)))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("flow_history_bucket_agg needs the same state_type_keys and state_type_labels for every row")));
}

static bool
same_state_types(const BucketState *a, const BucketState *b)
{
	if (a->ntypes != b->ntypes)
		return false;
	for (int i = 0; i < a->ntypes; i++)
		if (a->type_keys[i] != b->type_keys[i] ||
			strcmp(a->type_labels[i], b->type_labels[i]) != 0)
			return false;
	return true;
}

static int32
type_index_of(const BucketState *state, int64 key)
{
	for (int i = 0; i < state->ntypes; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (state->type_keys[i] == key)
			return i;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("a state type key is not in state_type_keys"),
			 errhint("The state_type enum may have changed during the query; run it again.")));
}

static uint32
group_hash(bool type_isnull, int64 type_key, bool name_isnull, const char *name, int32 len)
{
	uint32		h = name_isnull ? 0x5bd1e995 : hash_bytes((const unsigned char *) name, len);

	return hash_combine(h, type_isnull ? 0 : murmurhash32((uint32) type_key ^ (uint32) (type_key >> 32)));
}

static inline uint32
cell_hash(int32 group, int32 bucket)
{
	return murmurhash32((uint32) group * 0x9E3779B1u + (uint32) bucket);
}

static const char *
copy_name(BucketState *state, const char *name, int32 len)
{
	char	   *copy;

	/* a zero-length name points at no block (memcpy's pointers must be valid) */
	if (len == 0)
		return "";
	if (len > NAME_BLOCK_SIZE / 4)
		copy = state_alloc(state, len);
	else
	{
		if ((Size) len > state->name_block_left)
		{
			state->name_block = MemoryContextAlloc(state->context, NAME_BLOCK_SIZE);
			state->name_block_left = NAME_BLOCK_SIZE;
		}
		copy = state->name_block;
		state->name_block += len;
		state->name_block_left -= len;
	}
	memcpy(copy, name, len);
	return copy;
}

static void
grow_group_slots(BucketState *state)
{
	int32		mask = state->group_slots_mask * 2 + 1;
	int32	   *slots = alloc_slots(state, mask + 1);

	for (int g = 0; g < state->ngroups; g++)
	{
		uint32		i = state->groups[g].hash & mask;

		CHECK_FOR_INTERRUPTS();
		while (slots[i] != 0)
			i = (i + 1) & mask;
		slots[i] = g + 1;
	}
	pfree(state->group_slots);
	state->group_slots = slots;
	state->group_slots_mask = mask;
}

static inline bool
group_matches(const StateGroup *group, bool type_isnull, int64 type_key,
			  bool name_isnull, const char *name, int32 len)
{
	return (group->type_index < 0) == type_isnull &&
		(type_isnull || group->type_key == type_key) &&
		group->name_isnull == name_isnull &&
		group->name_len == len && memcmp(group->name, name, len) == 0;
}

/*
 * The group of (state type, state name), created on first sight.  Runs come
 * in index order, where neighbours mostly share a state: the previous row's
 * group is tried before hashing.
 */
static int32
find_group(BucketState *state, bool type_isnull, int64 type_key,
		   bool name_isnull, const char *name, int32 len)
{
	uint32		hash;
	uint32		mask = state->group_slots_mask;
	uint32		i;
	StateGroup *group;

	if (state->last_group >= 0 &&
		group_matches(&state->groups[state->last_group], type_isnull, type_key,
					  name_isnull, name, len))
		return state->last_group;

	hash = group_hash(type_isnull, type_key, name_isnull, name, len);
	for (i = hash & mask; state->group_slots[i] != 0; i = (i + 1) & mask)
	{
		group = &state->groups[state->group_slots[i] - 1];
		if (group->hash == hash &&
			group_matches(group, type_isnull, type_key, name_isnull, name, len))
			return state->last_group = state->group_slots[i] - 1;
	}

	if (state->ngroups == state->maxgroups)
	{
		if (state->maxgroups > PG_INT32_MAX / 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many distinct states for one history request")));
		state->maxgroups *= 2;
		state->groups = repalloc_huge(state->groups, sizeof(StateGroup) * state->maxgroups);
	}
	group = &state->groups[state->ngroups];
	group->type_key = type_isnull ? 0 : type_key;
	group->type_index = type_isnull ? -1 : type_index_of(state, type_key);
	group->kind = (uint8) state_type_kind(type_isnull ? NULL :
										  state->type_labels[group->type_index]);
	group->name_isnull = name_isnull;
	group->name_len = len;
	group->name = copy_name(state, name, len);
	group->hash = hash;
	group->last_bucket = -1;
	group->last_cell = -1;
	state->group_slots[i] = ++state->ngroups;
	state->last_group = state->ngroups - 1;
	if (state->ngroups * 2 > state->group_slots_mask)
		grow_group_slots(state);
	return state->last_group;
}

static void
grow_cell_slots(BucketState *state)
{
	int32		mask = state->cell_slots_mask * 2 + 1;
	int32	   *slots = alloc_slots(state, mask + 1);

	for (int c = 0; c < state->ncells; c++)
	{
		uint32		i = cell_hash(state->cells[c].group, state->cells[c].bucket) & mask;

		CHECK_FOR_INTERRUPTS();
		while (slots[i] != 0)
			i = (i + 1) & mask;
		slots[i] = c + 1;
	}
	pfree(state->cell_slots);
	state->cell_slots = slots;
	state->cell_slots_mask = mask;
}

/*
 * The cell of (group, bucket), created empty on first sight.  A group's rows
 * mostly come in interval order, so its last cell is tried first.
 */
static BucketCell *
group_cell(BucketState *state, int32 g, int32 bucket)
{
	StateGroup *group = &state->groups[g];
	uint32		mask = state->cell_slots_mask;
	uint32		i;
	BucketCell *cell;

	if (group->last_bucket == bucket)
		return &state->cells[group->last_cell];

	for (i = cell_hash(g, bucket) & mask; state->cell_slots[i] != 0; i = (i + 1) & mask)
	{
		cell = &state->cells[state->cell_slots[i] - 1];
		if (cell->group == g && cell->bucket == bucket)
		{
			group->last_bucket = bucket;
			group->last_cell = state->cell_slots[i] - 1;
			return cell;
		}
	}

	if (state->ncells == state->maxcells)
	{
		if (state->maxcells > PG_INT32_MAX / 4)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many intervals and states for one history request")));
		state->maxcells *= 2;
		state->cells = repalloc_huge(state->cells, sizeof(BucketCell) * state->maxcells);
	}
	cell = &state->cells[state->ncells];
	memset(cell, 0, sizeof(BucketCell));
	cell->group = g;
	cell->bucket = bucket;
	state->cell_slots[i] = ++state->ncells;
	group->last_bucket = bucket;
	group->last_cell = state->ncells - 1;
	if (state->ncells * 2 > state->cell_slots_mask)
		grow_cell_slots(state);
	return cell;
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
 * GREATEST(0, EXTRACT(EPOCH FROM interval)) in microseconds, as Prefect
 * clamps each run: a day is 86400 s, a month 30 days and a year 365.25
 * days.  Computed on 128 bits so that an extreme negative interval clamps
 * to 0 rather than overflowing; so does -infinity (PostgreSQL 17 stores it
 * as the most negative fields), while +infinity, like any value beyond
 * int64 microseconds, is out of range.
 */
static int64
clamped_epoch_us(const Interval *iv)
{
	int64		quarter_days = (int64) 1461 * (iv->month / MONTHS_PER_YEAR) +
		(int64) 120 * (iv->month % MONTHS_PER_YEAR) + (int64) 4 * iv->day;
	INT128		us = int64_to_int128(iv->time);

	int128_add_int64_mul_int64(&us, quarter_days, (SECS_PER_DAY / 4) * USECS_PER_SEC);
	if (int128_compare(us, int64_to_int128(0)) <= 0)
		return 0;
	if (int128_compare(us, int64_to_int128(PG_INT64_MAX)) > 0)
		estimate_out_of_range();
	return int128_to_int64(us);
}

/*
 * now() + total_run_time, the calendar part in UTC.  Prefect's SQL fails
 * where this is out of range, except for -infinity, which it clamps.
 */
static bool
now_plus_interval(TimestampTz now, const Interval *iv, TimestampTz *result)
{
	int64		days_us;

	if (iv->month != 0)
	{
		*result = DatumGetTimestamp(DirectFunctionCall2(timestamp_pl_interval,
														TimestampGetDatum(now),
														IntervalPGetDatum(iv)));
		if (TIMESTAMP_IS_NOBEGIN(*result))
			return false;
		return true;
	}
	if (pg_mul_s64_overflow((int64) iv->day, USECS_PER_DAY, &days_us) ||
		pg_add_s64_overflow(now, days_us, result) ||
		pg_add_s64_overflow(*result, iv->time, result) ||
		!IS_VALID_TIMESTAMP(*result))
		estimate_out_of_range();
	return true;
}

/*
 * Prefect's estimated_run_time: total_run_time, plus the time since the
 * state began for a RUNNING run (NULL, hence 0, without state_timestamp).
 */
static int64
estimated_run_us(const BucketState *state, StateKind kind, FunctionCallInfo fcinfo)
{
	const Interval *total;
	TimestampTz end;
	int64		us;

	if (PG_ARGISNULL(ARG_TOTAL_RUN_TIME))
		return 0;
	total = PG_GETARG_INTERVAL_P(ARG_TOTAL_RUN_TIME);
	if (kind != STATE_KIND_RUNNING)
		return clamped_epoch_us(total);
	if (PG_ARGISNULL(ARG_STATE_TIMESTAMP) ||
		!now_plus_interval(state->layout.now, total, &end))
		return 0;
	us = timestamp_diff_us(end, PG_GETARG_TIMESTAMPTZ(ARG_STATE_TIMESTAMP));
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
	if ((kind == STATE_KIND_RUNNING || kind == STATE_KIND_OTHER) && expected < state->layout.now)
		return timestamp_diff_us(state->layout.now, expected);
	return 0;
}

/* The layout arguments: fixed for the whole aggregation. */
static BucketState *
layout_state(FunctionCallInfo fcinfo, BucketState *state, MemoryContext aggcontext)
{
	BucketLayout layout;

	if (PG_ARGISNULL(ARG_ORIGIN) || PG_ARGISNULL(ARG_STEP_US) ||
		PG_ARGISNULL(ARG_NBUCKETS) || PG_ARGISNULL(ARG_NOW) ||
		PG_ARGISNULL(ARG_STATE_TYPE_KEYS) || PG_ARGISNULL(ARG_STATE_TYPE_LABELS))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("flow_history_bucket_agg needs non-null origin, step_us, nbuckets, now, state_type_keys and state_type_labels")));
	layout.origin = PG_GETARG_TIMESTAMPTZ(ARG_ORIGIN);
	layout.step_us = PG_GETARG_INT64(ARG_STEP_US);
	layout.nbuckets = PG_GETARG_INT32(ARG_NBUCKETS);
	layout.now = PG_GETARG_TIMESTAMPTZ(ARG_NOW);
	if (state == NULL)
	{
		state = bucket_state_create(aggcontext, &layout);
		state_types_from_args(state, fcinfo);
		return state;
	}
	if (!same_layout(&layout, &state->layout))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("flow_history_bucket_agg needs the same origin, step_us, nbuckets and now for every row")));
	check_same_state_types(state, fcinfo);
	return state;
}

Datum
flow_history_bucket_transfn_1_1(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	BucketState *state;
	TimestampTz expected;
	uint64		bucket;
	int32		g;
	StateKind	kind;
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
	if (TIMESTAMP_NOT_FINITE(expected) || expected < state->layout.origin)
		PG_RETURN_POINTER(state);
	bucket = ((uint64) expected - (uint64) state->layout.origin) / (uint64) state->layout.step_us;
	if (bucket >= (uint64) state->layout.nbuckets)
		PG_RETURN_POINTER(state);

	if (!PG_ARGISNULL(ARG_STATE_NAME))
	{
		text	   *t = PG_GETARG_TEXT_PP(ARG_STATE_NAME);

		name = VARDATA_ANY(t);
		name_len = VARSIZE_ANY_EXHDR(t);
	}
	g = find_group(state, PG_ARGISNULL(ARG_STATE_TYPE_KEY),
				   PG_ARGISNULL(ARG_STATE_TYPE_KEY) ? 0 : PG_GETARG_INT64(ARG_STATE_TYPE_KEY),
				   PG_ARGISNULL(ARG_STATE_NAME), name, name_len);
	kind = (StateKind) state->groups[g].kind;
	run_us = estimated_run_us(state, kind, fcinfo);
	late_us = estimated_lateness_us(state, kind, expected, fcinfo);
	add_to_cell(group_cell(state, g, (int32) bucket), 1, run_us, late_us);
	PG_RETURN_POINTER(state);
}

/* Add src's groups and cells into dst. */
static void
merge_states(BucketState *dst, const BucketState *src)
{
	int32	   *group_map;

	if (!same_layout(&src->layout, &dst->layout) || !same_state_types(src, dst))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine flow_history_bucket_agg states of different layouts")));
	group_map = palloc(sizeof(int32) * Max(src->ngroups, 1));
	for (int g = 0; g < src->ngroups; g++)
	{
		const StateGroup *from = &src->groups[g];

		CHECK_FOR_INTERRUPTS();
		group_map[g] = find_group(dst, from->type_index < 0, from->type_key,
								  from->name_isnull, from->name, from->name_len);
	}
	for (int c = 0; c < src->ncells; c++)
	{
		const BucketCell *cell = &src->cells[c];

		CHECK_FOR_INTERRUPTS();
		add_to_cell(group_cell(dst, group_map[cell->group], cell->bucket),
					cell->count, cell->run_us, cell->late_us);
	}
	pfree(group_map);
}

Datum
flow_history_bucket_combinefn_1_1(PG_FUNCTION_ARGS)
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
	{
		/* src lives in a short-lived context: copy it into the aggregate's */
		dst = bucket_state_create(aggcontext, &src->layout);
		set_state_types(dst, src->ntypes, src->type_keys, src->type_labels);
	}
	merge_states(dst, src);
	PG_RETURN_POINTER(dst);
}

static void
send_layout(StringInfo buf, const BucketLayout *layout)
{
	pq_sendint64(buf, layout->origin);
	pq_sendint64(buf, layout->step_us);
	pq_sendint32(buf, layout->nbuckets);
	pq_sendint64(buf, layout->now);
}

static bytea *
serialize_state(const BucketState *state)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, BUCKET_STATE_FORMAT);
	send_layout(&buf, &state->layout);
	pq_sendint32(&buf, state->ntypes);
	for (int i = 0; i < state->ntypes; i++)
	{
		pq_sendint64(&buf, state->type_keys[i]);
		pq_sendint32(&buf, strlen(state->type_labels[i]));
		pq_sendbytes(&buf, state->type_labels[i], strlen(state->type_labels[i]));
	}
	pq_sendint32(&buf, state->ngroups);
	for (int g = 0; g < state->ngroups; g++)
	{
		const StateGroup *group = &state->groups[g];

		CHECK_FOR_INTERRUPTS();
		pq_sendint32(&buf, group->type_index);
		pq_sendbyte(&buf, group->name_isnull);
		pq_sendint32(&buf, group->name_len);
		pq_sendbytes(&buf, group->name, group->name_len);
	}
	pq_sendint32(&buf, state->ncells);
	for (int c = 0; c < state->ncells; c++)
	{
		const BucketCell *cell = &state->cells[c];

		CHECK_FOR_INTERRUPTS();
		pq_sendint32(&buf, cell->group);
		pq_sendint32(&buf, cell->bucket);
		pq_sendint64(&buf, cell->count);
		pq_sendint64(&buf, cell->run_us);
		pq_sendint64(&buf, cell->late_us);
	}
	return pq_endtypsend(&buf);
}

/*
 * Reading a serialised state.  Every count and index is checked against
 * what is left of the data and against the layout, so that a state from
 * anywhere cannot make a reader go past an array.
 */
typedef struct StateReader
{
	StringInfoData buf;
} StateReader;

static void
reader_init(StateReader *r, bytea *data)
{
	r->buf.data = VARDATA_ANY(data);
	r->buf.len = VARSIZE_ANY_EXHDR(data);
	r->buf.maxlen = r->buf.len;
	r->buf.cursor = 0;
}

/* Fixed-size fields must be there before pq_getmsg* reads them */
static void
reader_need(StateReader *r, int nbytes)
{
	if (nbytes > r->buf.len - r->buf.cursor)
		corrupt_state("the state ends too early");
}

static int32
read_count(StateReader *r, int item_size, const char *what)
{
	int32		n;

	reader_need(r, 4);
	n = pq_getmsgint(&r->buf, 4);
	if (n < 0 || (int64) n * item_size > r->buf.len - r->buf.cursor)
		corrupt_state(psprintf("invalid number of %s: %d", what, n));
	return n;
}

static const char *
read_bytes(StateReader *r, int32 *len)
{
	*len = read_count(r, 1, "bytes");
	return pq_getmsgbytes(&r->buf, *len);
}

static void
read_layout(StateReader *r, BucketLayout *layout)
{
	reader_need(r, 4 + 8 + 8 + 4 + 8);
	if (pq_getmsgint(&r->buf, 4) != BUCKET_STATE_FORMAT)
		corrupt_state("unknown format");
	layout->origin = pq_getmsgint64(&r->buf);
	layout->step_us = pq_getmsgint64(&r->buf);
	layout->nbuckets = pq_getmsgint(&r->buf, 4);
	layout->now = pq_getmsgint64(&r->buf);
}

static void
read_state_types(StateReader *r, int32 *ntypes, int64 **keys, char ***labels)
{
	*ntypes = read_count(r, 12, "state types");
	*keys = palloc(sizeof(int64) * Max(*ntypes, 1));
	*labels = palloc(sizeof(char *) * Max(*ntypes, 1));
	for (int i = 0; i < *ntypes; i++)
	{
		int32		len;
		const char *label;

		reader_need(r, 8);
		(*keys)[i] = pq_getmsgint64(&r->buf);
		label = read_bytes(r, &len);
		(*labels)[i] = pnstrdup(label, len);
	}
}

/* A group as serialised; names point into the data */
typedef struct GroupRecord
{
	int32		type_index;
	bool		name_isnull;
	int32		name_len;
	const char *name;
} GroupRecord;

static void
read_group(StateReader *r, int32 ntypes, GroupRecord *group)
{
	reader_need(r, 4 + 1);
	group->type_index = pq_getmsgint(&r->buf, 4);
	group->name_isnull = pq_getmsgbyte(&r->buf) != 0;
	group->name = read_bytes(r, &group->name_len);
	if (group->type_index < -1 || group->type_index >= ntypes)
		corrupt_state("state type index out of range");
}

static void
read_cell(StateReader *r, int32 ngroups, int32 nbuckets, BucketCell *cell)
{
	reader_need(r, 32);
	cell->group = pq_getmsgint(&r->buf, 4);
	cell->bucket = pq_getmsgint(&r->buf, 4);
	cell->count = pq_getmsgint64(&r->buf);
	cell->run_us = pq_getmsgint64(&r->buf);
	cell->late_us = pq_getmsgint64(&r->buf);
	if (cell->group < 0 || cell->group >= ngroups ||
		cell->bucket < 0 || cell->bucket >= nbuckets ||
		cell->count <= 0 || cell->run_us < 0 || cell->late_us < 0)
		corrupt_state("cell out of range");
}

/* A worker's state, in the caller's (per-tuple) memory context */
static BucketState *
deserialize_state(bytea *data)
{
	StateReader r;
	BucketLayout layout;
	BucketState *state;
	int32		ntypes;
	int64	   *keys;
	char	  **labels;
	int32		ngroups;
	int32		ncells;
	int32	   *group_map;

	reader_init(&r, data);
	read_layout(&r, &layout);
	state = bucket_state_create(CurrentMemoryContext, &layout);
	read_state_types(&r, &ntypes, &keys, &labels);
	set_state_types(state, ntypes, keys, labels);
	ngroups = read_count(&r, 9, "groups");
	group_map = palloc(sizeof(int32) * Max(ngroups, 1));
	for (int g = 0; g < ngroups; g++)
	{
		GroupRecord group;

		CHECK_FOR_INTERRUPTS();
		read_group(&r, ntypes, &group);
		group_map[g] = find_group(state, group.type_index < 0,
								  group.type_index < 0 ? 0 : keys[group.type_index],
								  group.name_isnull, group.name, group.name_len);
	}
	ncells = read_count(&r, 32, "cells");
	for (int c = 0; c < ncells; c++)
	{
		BucketCell cell;

		CHECK_FOR_INTERRUPTS();
		read_cell(&r, ngroups, layout.nbuckets, &cell);
		add_to_cell(group_cell(state, group_map[cell.group], cell.bucket),
					cell.count, cell.run_us, cell.late_us);
	}
	pq_getmsgend(&r.buf);
	return state;
}

Datum
flow_history_bucket_serialfn_1_1(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(serialize_state((BucketState *) PG_GETARG_POINTER(0)));
}

Datum
flow_history_bucket_deserialfn_1_1(PG_FUNCTION_ARGS)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("flow_history_bucket_deserialfn called in non-aggregate context")));
	PG_RETURN_POINTER(deserialize_state(PG_GETARG_BYTEA_PP(0)));
}

/*
 * The aggregate's result, checked against the request's layout.  Group
 * names point into data, which must outlive the result.
 */
HistoryResult *
history_result_read(bytea *data, const BucketLayout *expected)
{
	StateReader r;
	BucketLayout layout;
	HistoryResult *result = palloc0(sizeof(HistoryResult));
	int32		ntypes;
	int64	   *keys;
	char	  **labels;

	reader_init(&r, data);
	read_layout(&r, &layout);
	if (!same_layout(&layout, expected))
		corrupt_state("the state's intervals are not the request's");
	read_state_types(&r, &ntypes, &keys, &labels);
	result->ngroups = read_count(&r, 9, "groups");
	result->groups = palloc_extended(sizeof(HistoryGroup) * Max(result->ngroups, 1),
									 MCXT_ALLOC_HUGE);
	for (int g = 0; g < result->ngroups; g++)
	{
		GroupRecord record;
		HistoryGroup *group = &result->groups[g];

		CHECK_FOR_INTERRUPTS();
		read_group(&r, ntypes, &record);
		group->type_order = record.type_index;
		group->type_label = record.type_index < 0 ? NULL : labels[record.type_index];
		group->name_isnull = record.name_isnull;
		group->name_len = record.name_len;
		group->name = record.name;
	}
	result->ncells = read_count(&r, 32, "cells");
	result->cells = palloc_extended(sizeof(BucketCell) * Max(result->ncells, 1),
									MCXT_ALLOC_HUGE);
	for (int64 c = 0; c < result->ncells; c++)
	{
		CHECK_FOR_INTERRUPTS();
		read_cell(&r, result->ngroups, layout.nbuckets, &result->cells[c]);
	}
	pq_getmsgend(&r.buf);
	return result;
}

/*
 * The support functions of version 1.0's aggregate, whose arguments
 * (state_type anyenum) any overload with the column's type could beat.
 * They stay exported for the 1.0 catalog, which they refuse.
 */
PG_FUNCTION_INFO_V1(flow_history_bucket_transfn);
PG_FUNCTION_INFO_V1(flow_history_bucket_combinefn);
PG_FUNCTION_INFO_V1(flow_history_bucket_serialfn);
PG_FUNCTION_INFO_V1(flow_history_bucket_deserialfn);

static pg_noreturn void
refuse_catalog_1_0(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("flow_history's aggregate of version 1.0 is no longer supported by its library"),
			 errhint("Run ALTER EXTENSION flow_history UPDATE.")));
}

Datum
flow_history_bucket_transfn(PG_FUNCTION_ARGS)
{
	refuse_catalog_1_0();
}

Datum
flow_history_bucket_combinefn(PG_FUNCTION_ARGS)
{
	refuse_catalog_1_0();
}

Datum
flow_history_bucket_serialfn(PG_FUNCTION_ARGS)
{
	refuse_catalog_1_0();
}

Datum
flow_history_bucket_deserialfn(PG_FUNCTION_ARGS)
{
	refuse_catalog_1_0();
}
