/*
 * bucket_agg.h
 *	  The aggregate flow_history_bucket_agg: runs in, per-interval and
 *	  per-state counts and sums out, computed on int64 microseconds; and
 *	  reading its result back.
 */
#ifndef FLOW_HISTORY_BUCKET_AGG_H
#define FLOW_HISTORY_BUCKET_AGG_H

#include "postgres.h"
#include "datatype/timestamp.h"

/* How the intervals are laid out; fixed for one aggregation */
typedef struct BucketLayout
{
	TimestampTz origin;			/* start of the first interval */
	int64		step_us;		/* interval length */
	int32		nbuckets;
	TimestampTz now;			/* the transaction's now() */
} BucketLayout;

/*
 * The counts and sums of one (interval, state) pair, a cell of the answer.
 * Only cells that hold runs exist, so memory follows the answer.
 */
typedef struct BucketCell
{
	int32		group;			/* index into HistoryResult.groups */
	int32		bucket;			/* interval, 0-based */
	int64		count;
	int64		run_us;			/* sum of clamped estimated run times */
	int64		late_us;		/* sum of clamped estimated lateness */
} BucketCell;

/* One (state_type, state_name) pair of the answer */
typedef struct HistoryGroup
{
	int32		type_order;		/* position in the state_type enum, -1 if NULL */
	const char *type_label;		/* NULL when state_type is NULL */
	bool		name_isnull;
	int32		name_len;
	const char *name;			/* name_len bytes, not NUL-terminated */
} HistoryGroup;

/* The aggregate's result as read back by the history functions */
typedef struct HistoryResult
{
	int32		ngroups;
	HistoryGroup *groups;
	int64		ncells;
	BucketCell *cells;			/* in no particular order */
} HistoryResult;

extern HistoryResult *history_result_read(bytea *data, const BucketLayout *expected);

#endif
