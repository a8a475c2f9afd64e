/*
 * filter_spec.h
 *	  The description of Prefect's filter language: one table entry per JSON
 *	  key, saying what it accepts and which SQL condition it produces.
 *
 * The compiler (filter_compile.c) walks a request's JSON against these
 * tables; it holds no knowledge of individual fields.  Adding a filter field
 * means adding one FilterField entry in filter_spec.c.
 *
 * SQL templates use these placeholders, expanded by the compiler:
 *	{col}		the field's column expression (FilterField.column)
 *	{param}		the SPI parameter ($n) holding the operand's value
 *	{flow} {flow_run} {task_run} {deployment} {work_pool} {work_queue}
 *				schema-qualified names of Prefect's tables
 * Table aliases are fixed per model: f, fr, tr, d, wp, wq.
 */
#ifndef FLOW_HISTORY_FILTER_SPEC_H
#define FLOW_HISTORY_FILTER_SPEC_H

#include "prefect_schema.h"

/* JSON value an operator key accepts (pydantic's lax rules, see json_input.c) */
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

/* How a string operand becomes an ILIKE pattern (no escaping, as Prefect) */
typedef enum FilterPattern
{
	PATTERN_NONE,
	PATTERN_CONTAINS,			/* '%' || v || '%' */
	PATTERN_PREFIX				/* v || '%' */
} FilterPattern;

/* One operator key inside a field object: "any_", "before_", "is_null_" ... */
typedef struct FilterOperand
{
	const char *key;
	FilterValueKind value;
	const char *sql;			/* condition; for FV_BOOL the one for true */
	const char *sql_if_false;	/* FV_BOOL only */
	FilterEmptyRule on_empty;
	FilterPattern pattern;
	bool		ignored;		/* validated, then adds nothing */
} FilterOperand;

typedef enum FilterFieldFlags
{
	FIELD_PLAIN = 0,
	/* Prefect keeps a child of a state filter only if it is one comparison */
	FIELD_KEEP_SINGLE_CHILDREN = 1 << 0,
	/* deprecated field: validated, contributes nothing (not even TRUE) */
	FIELD_IGNORED = 1 << 1,
	/* task_runs.flow_run_id: is_null_ defaults to false (filter_compile.c) */
	FIELD_FLOW_RUN_ID = 1 << 2
} FilterFieldFlags;

/*
 * A JSON object of the filter language.  Either a field object holding
 * operator keys (operands) or an object holding other objects (children).
 */
typedef struct FilterField
{
	const char *key;
	const char *column;			/* {col} for the operands */
	bool		has_operator;	/* accepts "operator": "and_" | "or_" */
	int			flags;			/* FilterFieldFlags */
	const struct FilterOperand *operands;	/* terminated by a NULL key */
	const struct FilterField *children; /* terminated by a NULL key */
} FilterField;

/* A top-level filter object and the table its conditions apply to */
typedef struct FilterModel
{
	const char *name;			/* Prefect's model name, for messages */
	PrefectTable table;
	const FilterField *root;
} FilterModel;

extern const FilterModel flow_filter_model;
extern const FilterModel flow_run_filter_model;
extern const FilterModel task_run_filter_model;
extern const FilterModel deployment_filter_model;
extern const FilterModel work_pool_filter_model;
extern const FilterModel work_queue_filter_model;

#endif
