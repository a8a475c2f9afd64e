/*
 * filter_models.h
 *	  Prefect's filter language as data: the six filter objects of a
 *	  request, and one table entry per JSON key saying what it accepts and
 *	  which SQL condition it produces.
 *
 * The compiler (filter_compile.c) walks a request's JSON against these
 * tables; it holds no knowledge of individual fields.  Adding a filter field
 * means adding one FilterField entry in filter_models.c.
 *
 * SQL templates use these placeholders, expanded by the compiler:
 *	{col}		the field's column expression (FilterField.column)
 *	{param}		the SPI parameter ($n) holding the operator's value
 *	{flow} {flow_run} {task_run} {deployment} {work_pool} {work_queue}
 *				schema-qualified names of Prefect's tables
 * Table aliases are fixed per model: f, fr, tr, d, wp, wq.
 */
#ifndef FLOW_HISTORY_FILTER_MODELS_H
#define FLOW_HISTORY_FILTER_MODELS_H

#include "prefect_schema.h"

/* JSON value an operator key accepts (pydantic's lax rules, see lax_scalars.c) */
typedef enum FilterValueKind
{
	FV_UUID_LIST,				/* list[UUID], bound as uuid[] */
	FV_UUID_TEXT_LIST,			/* list[UUID], bound as lower-case text[] */
	FV_TEXT_LIST,				/* list[str], bound as text[] */
	FV_STATE_TYPE_LIST,			/* list[StateType], bound as the state_type column's array */
	FV_STRING,					/* str, bound as text */
	FV_DATETIME,				/* DateTime, bound as timestamptz */
	FV_BOOL,					/* bool, selects one of two templates */
	FV_INT						/* int, only validated (deprecated keys) */
} FilterValueKind;

/* What an empty list (or empty string) produces */
typedef enum FilterEmptyRule
{
	EMPTY_BINDS,				/* bind it anyway: "= ANY('{}')" matches nothing */
	EMPTY_SKIPPED,				/* no condition at all */
	EMPTY_VANISHES				/* an empty OR that disappears from its parent */
} FilterEmptyRule;

/* How a string operator value becomes an ILIKE pattern (no escaping, as Prefect) */
typedef enum FilterPattern
{
	PATTERN_NONE,
	PATTERN_CONTAINS,			/* '%' || v || '%' */
	PATTERN_PREFIX				/* v || '%' */
} FilterPattern;

/* One operator key inside a field object: "any_", "before_", "is_null_" ... */
typedef struct FilterOperator
{
	const char *key;
	FilterValueKind value;
	const char *sql;			/* condition; for FV_BOOL the one for true */
	const char *sql_if_false;	/* FV_BOOL only */
	FilterEmptyRule on_empty;
	FilterPattern pattern;
	bool		ignored;		/* validated, then adds nothing */
} FilterOperator;

typedef enum FilterFieldFlags
{
	FIELD_PLAIN = 0,
	/* Prefect keeps a child of a state filter only if it is one comparison */
	FIELD_KEEP_SINGLE_CHILDREN = 1 << 0,
	/* deprecated field: validated, contributes nothing (not even TRUE) */
	FIELD_IGNORED = 1 << 1,
	/* task_runs.flow_run_id: is_null_ defaults to false (filter_compile.c) */
	FIELD_FLOW_RUN_ID = 1 << 2,
	/* a flow_runs field Prefect's only_filters_on_id() does not look at */
	FIELD_UNSEEN_BY_ID_SHORT_CUT = 1 << 3
} FilterFieldFlags;

/*
 * A JSON object of the filter language.  Either a field object holding
 * operator keys (operators) or an object holding other objects (children).
 * Either may accept Prefect's "operator" key, "and_" or "or_", called the
 * combinator here.
 */
typedef struct FilterField
{
	const char *key;			/* NULL for a filter object's root */
	const char *column;			/* {col} for the operators */
	bool		has_combinator;	/* accepts "operator": "and_" | "or_" */
	int			flags;			/* FilterFieldFlags */
	const struct FilterOperator *operators;	/* terminated by a NULL key */
	const struct FilterField *children; /* terminated by a NULL key */
} FilterField;

/* The filter objects of a request */
typedef enum FilterObject
{
	FO_FLOWS,
	FO_FLOW_RUNS,
	FO_TASK_RUNS,
	FO_DEPLOYMENTS,
	FO_WORK_POOLS,
	FO_WORK_QUEUES,
	FO_COUNT
} FilterObject;

/* A filter object: its key in the request, its table, its fields */
typedef struct FilterModel
{
	const char *key;
	PrefectTable table;
	const FilterField *root;
} FilterModel;

extern const FilterModel filter_models[FO_COUNT];

extern int	filter_field_index(const FilterField *parent, const char *key);
extern int	filter_operator_index(const FilterField *field, const char *key);

#endif
