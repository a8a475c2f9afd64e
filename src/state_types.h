/*
 * state_types.h
 *	  Prefect's state types: the labels a request may name, what the
 *	  estimates need to know of each, and the state_type enum of a run
 *	  table as the keys the aggregate receives.
 */
#ifndef FLOW_HISTORY_STATE_TYPES_H
#define FLOW_HISTORY_STATE_TYPES_H

#include "postgres.h"

#include "prefect_schema.h"

/* What the estimates need to know of a state type */
typedef enum StateKind
{
	STATE_KIND_NULL,			/* state_type IS NULL */
	STATE_KIND_RUNNING,
	STATE_KIND_TERMINAL,		/* COMPLETED, CANCELLED, FAILED, CRASHED */
	STATE_KIND_OTHER
} StateKind;

/*
 * The labels of a state_type enum in the enum's order, each with its key:
 * pg_catalog.hashenumextended(label, seed), the seed chosen so that no two
 * labels share a key.
 */
typedef struct StateTypeKeys
{
	int64		seed;
	int			nlabels;
	int64	   *keys;
	char	  **labels;
} StateTypeKeys;

extern bool is_prefect_state_type(const char *label);
extern const char *prefect_state_types_hint(void);
extern StateKind state_type_kind(const char *label);
extern bool state_type_keys_distinct(const int64 *keys, int n);
extern void read_state_type_keys(Oid enum_type, StateTypeKeys *out);
extern Oid	run_table_state_type(PrefectTables *tables, PrefectTable table);

#endif
