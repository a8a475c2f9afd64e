/*
 * bucket_agg.h
 *	  The aggregate flow_history_bucket_agg: runs in, per-interval and
 *	  per-state counts and sums out, computed on int64 microseconds.
 */
#ifndef FLOW_HISTORY_BUCKET_AGG_H
#define FLOW_HISTORY_BUCKET_AGG_H

#include "postgres.h"
#include "datatype/timestamp.h"

/* What the estimates need to know of a state type */
typedef enum StateKind
{
	STATE_KIND_NULL,			/* state_type IS NULL */
	STATE_KIND_RUNNING,
	STATE_KIND_TERMINAL,		/* COMPLETED, CANCELLED, FAILED, CRASHED */
	STATE_KIND_OTHER
} StateKind;

/* Intervals are stored in chunks, allocated when a run first lands there */
#define BUCKET_CHUNK_SIZE 32

typedef struct BucketCell
{
	int64		count;
	int64		run_us;			/* sum of clamped estimated run times */
	int64		late_us;		/* sum of clamped estimated lateness */
} BucketCell;

/* One (state_type, state_name) pair and its cells, one per interval */
typedef struct StateGroup
{
	Oid			state_type;		/* InvalidOid when NULL */
	bool		name_isnull;
	uint8		kind;			/* StateKind */
	int32		name_len;
	char	   *name;			/* NUL-terminated */
	uint32		hash;
	BucketCell **chunks;		/* nbuckets / BUCKET_CHUNK_SIZE, rounded up */
} StateGroup;

typedef struct BucketState
{
	TimestampTz origin;			/* start of the first interval */
	int64		step_us;		/* interval length */
	int32		nbuckets;
	TimestampTz now;			/* the transaction's now() */
	int32		ngroups;
	int32		maxgroups;
	StateGroup *groups;
	int32		nslots;			/* open addressing over groups, power of 2 */
	int32	   *slots;			/* group index + 1, 0 when free */
	int32		last_group;		/* the previous row's group, -1 if none */
	MemoryContext context;		/* where groups and cells live */
} BucketState;

extern char *state_type_enum_label(Oid state_type, float4 *sort_order);
extern BucketState *bucket_state_decode(bytea *data);
extern const BucketCell *bucket_state_cell(const BucketState *state,
										   const StateGroup *group, int bucket);

#endif
