/*
 * filter_models.c
 *	  Prefect's six filter models (server/schemas/filters.py at Prefect
 *	  3.8.4.dev6), as data.  See filter_models.h for the template syntax and
 *	  ../../shared/spec/prefect-history-semantics.md sections 6-7 for what
 *	  each key means.  Fields appear in the order of Prefect's
 *	  _get_filter_list, so generated SQL reads like Prefect's.
 */
#include "postgres.h"

#include "filter_models.h"

#define END_OPERATORS {.key = NULL}
#define END_FIELDS {.key = NULL}

/* any_ binds even an empty list: "= ANY('{}')" matches no row, as Prefect */
#define OP_ANY(kind) \
	{.key = "any_", .value = (kind), .sql = "{col} OPERATOR(pg_catalog.=) ANY({param})", .on_empty = EMPTY_BINDS}
/* NOT IN semantics: NULL columns are dropped too; an empty list is skipped */
#define OP_NOT_ANY(kind) \
	{.key = "not_any_", .value = (kind), .sql = "{col} OPERATOR(pg_catalog.<>) ALL({param})", .on_empty = EMPTY_SKIPPED}
/* ILIKE '%' || v || '%', without escaping % and _, as Prefect */
#define OP_LIKE \
	{.key = "like_", .value = FV_STRING, .sql = "{col} OPERATOR(pg_catalog.~~*) {param}", \
	 .on_empty = EMPTY_SKIPPED, .pattern = PATTERN_CONTAINS}
#define OP_IS_NULL \
	{.key = "is_null_", .value = FV_BOOL, .sql = "{col} IS NULL", .sql_if_false = "{col} IS NOT NULL"}
#define OP_BEFORE {.key = "before_", .value = FV_DATETIME, .sql = "{col} OPERATOR(pg_catalog.<=) {param}"}
#define OP_AFTER {.key = "after_", .value = FV_DATETIME, .sql = "{col} OPERATOR(pg_catalog.>=) {param}"}
/* tags are JSON arrays of strings; "null" means the empty array */
#define OP_TAGS_ALL \
	{.key = "all_", .value = FV_TEXT_LIST, .sql = "{col} OPERATOR(pg_catalog.?&) {param}", .on_empty = EMPTY_SKIPPED}
#define OP_TAGS_ANY \
	{.key = "any_", .value = FV_TEXT_LIST, .sql = "{col} OPERATOR(pg_catalog.?|) {param}", .on_empty = EMPTY_BINDS}
#define OP_TAGS_IS_NULL \
	{.key = "is_null_", .value = FV_BOOL, .sql = "{col} OPERATOR(pg_catalog.=) '[]'::pg_catalog.jsonb", .sql_if_false = "{col} OPERATOR(pg_catalog.<>) '[]'::pg_catalog.jsonb"}

static const FilterOperator uuid_any_ops[] = {OP_ANY(FV_UUID_LIST), END_OPERATORS};
static const FilterOperator uuid_any_not_any_ops[] = {OP_ANY(FV_UUID_LIST), OP_NOT_ANY(FV_UUID_LIST), END_OPERATORS};
static const FilterOperator uuid_any_is_null_ops[] = {OP_ANY(FV_UUID_LIST), OP_IS_NULL, END_OPERATORS};
static const FilterOperator text_any_ops[] = {OP_ANY(FV_TEXT_LIST), END_OPERATORS};
static const FilterOperator text_any_not_any_ops[] = {OP_ANY(FV_TEXT_LIST), OP_NOT_ANY(FV_TEXT_LIST), END_OPERATORS};
static const FilterOperator text_any_is_null_ops[] = {OP_ANY(FV_TEXT_LIST), OP_IS_NULL, END_OPERATORS};
static const FilterOperator name_ops[] = {OP_ANY(FV_TEXT_LIST), OP_LIKE, END_OPERATORS};
static const FilterOperator state_type_any_ops[] = {OP_ANY(FV_STATE_TYPE_LIST), END_OPERATORS};
static const FilterOperator state_type_any_not_any_ops[] = {OP_ANY(FV_STATE_TYPE_LIST), OP_NOT_ANY(FV_STATE_TYPE_LIST), END_OPERATORS};
static const FilterOperator tags_all_is_null_ops[] = {OP_TAGS_ALL, OP_TAGS_IS_NULL, END_OPERATORS};
static const FilterOperator tags_all_any_is_null_ops[] = {OP_TAGS_ALL, OP_TAGS_ANY, OP_TAGS_IS_NULL, END_OPERATORS};
static const FilterOperator time_ops[] = {OP_BEFORE, OP_AFTER, OP_IS_NULL, END_OPERATORS};
static const FilterOperator time_range_ops[] = {OP_BEFORE, OP_AFTER, END_OPERATORS};

/* ---- flows: FlowFilter on flow f ---- */

static const FilterOperator flow_deployment_ops[] = {
	{.key = "is_null_", .value = FV_BOOL,
		.sql = "NOT EXISTS (SELECT 1 FROM {deployment} fd WHERE fd.flow_id OPERATOR(pg_catalog.=) f.id)",
	.sql_if_false = "EXISTS (SELECT 1 FROM {deployment} fd WHERE fd.flow_id OPERATOR(pg_catalog.=) f.id)"},
	END_OPERATORS
};

static const FilterField flow_fields[] = {
	{.key = "id", .column = "f.id", .operators = uuid_any_not_any_ops},
	{.key = "deployment", .has_combinator = true, .operators = flow_deployment_ops},
	{.key = "name", .column = "f.name", .operators = name_ops},
	{.key = "tags", .column = "f.tags", .has_combinator = true, .operators = tags_all_is_null_ops},
	END_FIELDS
};

static const FilterField flow_root = {.has_combinator = true, .children = flow_fields};


/* ---- flow_runs: FlowRunFilter on flow_run fr ---- */

static const FilterField flow_run_state_fields[] = {
	{.key = "type", .column = "fr.state_type", .operators = state_type_any_not_any_ops},
	{.key = "name", .column = "fr.state_name", .operators = text_any_not_any_ops},
	END_FIELDS
};

/* a run that has not started is compared on its expected start */
static const FilterOperator flow_run_start_time_ops[] = {
	{.key = "before_", .value = FV_DATETIME,
	.sql = "COALESCE(fr.start_time, fr.expected_start_time) OPERATOR(pg_catalog.<=) {param}"},
	{.key = "after_", .value = FV_DATETIME,
	.sql = "COALESCE(fr.start_time, fr.expected_start_time) OPERATOR(pg_catalog.>=) {param}"},
	{.key = "is_null_", .value = FV_BOOL,
	.sql = "fr.start_time IS NULL", .sql_if_false = "fr.start_time IS NOT NULL"},
	END_OPERATORS
};

/* direct subflows of the listed flow runs, through their parent task run */
static const FilterOperator flow_run_parent_flow_run_ops[] = {
	{.key = "any_", .value = FV_UUID_LIST, .on_empty = EMPTY_BINDS,
		.sql = "EXISTS (SELECT 1 FROM {task_run} pt"
		" WHERE pt.id OPERATOR(pg_catalog.=) fr.parent_task_run_id AND pt.flow_run_id OPERATOR(pg_catalog.=) ANY({param}))"},
	END_OPERATORS
};

/* Prefect compares created_by's JSON text with lower-case hyphenated ids */
static const FilterOperator flow_run_created_by_ops[] = {
	{.key = "id_", .value = FV_UUID_TEXT_LIST, .on_empty = EMPTY_BINDS,
	.sql = "({col} OPERATOR(pg_catalog.->>) 'id'::pg_catalog.text) OPERATOR(pg_catalog.=) ANY({param})"},
	{.key = "type_", .value = FV_TEXT_LIST, .on_empty = EMPTY_BINDS,
	.sql = "({col} OPERATOR(pg_catalog.->>) 'type'::pg_catalog.text) OPERATOR(pg_catalog.=) ANY({param})"},
	OP_IS_NULL,
	END_OPERATORS
};

static const FilterField flow_run_fields[] = {
	{.key = "id", .column = "fr.id", .operators = uuid_any_not_any_ops},
	{.key = "name", .column = "fr.name", .operators = name_ops},
	{.key = "tags", .column = "fr.tags", .has_combinator = true, .operators = tags_all_any_is_null_ops},
	{.key = "deployment_id", .column = "fr.deployment_id", .has_combinator = true,
	.operators = uuid_any_is_null_ops},
	{.key = "work_queue_name", .column = "fr.work_queue_name", .has_combinator = true,
	.operators = text_any_is_null_ops},
	{.key = "flow_version", .column = "fr.flow_version", .operators = text_any_ops},
	{.key = "state", .has_combinator = true, .flags = FIELD_KEEP_SINGLE_CHILDREN,
	.children = flow_run_state_fields},
	{.key = "start_time", .operators = flow_run_start_time_ops},
	{.key = "end_time", .column = "fr.end_time", .operators = time_ops},
	{.key = "expected_start_time", .column = "fr.expected_start_time", .operators = time_range_ops},
	{.key = "next_scheduled_start_time", .column = "fr.next_scheduled_start_time",
	.operators = time_range_ops},
	{.key = "parent_flow_run_id", .has_combinator = true, .operators = flow_run_parent_flow_run_ops},
	{.key = "parent_task_run_id", .column = "fr.parent_task_run_id", .has_combinator = true,
	.operators = uuid_any_is_null_ops},
	{.key = "idempotency_key", .column = "fr.idempotency_key", .operators = text_any_not_any_ops},
	{.key = "created_by", .column = "fr.created_by", .has_combinator = true,
	.flags = FIELD_UNSEEN_BY_ID_SHORT_CUT,
	.operators = flow_run_created_by_ops},
	END_FIELDS
};

static const FilterField flow_run_root = {.has_combinator = true, .children = flow_run_fields};


/* ---- task_runs: TaskRunFilter on task_run tr ---- */

static const FilterField task_run_state_fields[] = {
	{.key = "type", .column = "tr.state_type", .operators = state_type_any_ops},
	{.key = "name", .column = "tr.state_name", .operators = text_any_ops},
	END_FIELDS
};

/* the task run is the parent task of some subflow run */
static const FilterOperator task_run_subflow_ops[] = {
	{.key = "exists_", .value = FV_BOOL,
		.sql = "EXISTS (SELECT 1 FROM {flow_run} sf WHERE sf.parent_task_run_id OPERATOR(pg_catalog.=) tr.id)",
	.sql_if_false = "NOT EXISTS (SELECT 1 FROM {flow_run} sf WHERE sf.parent_task_run_id OPERATOR(pg_catalog.=) tr.id)"},
	END_OPERATORS
};

static const FilterField task_run_fields[] = {
	{.key = "id", .column = "tr.id", .operators = uuid_any_ops},
	{.key = "name", .column = "tr.name", .operators = name_ops},
	{.key = "tags", .column = "tr.tags", .has_combinator = true, .operators = tags_all_is_null_ops},
	{.key = "state", .has_combinator = true, .flags = FIELD_KEEP_SINGLE_CHILDREN,
	.children = task_run_state_fields},
	{.key = "start_time", .column = "tr.start_time", .operators = time_ops},
	{.key = "end_time", .column = "tr.end_time", .operators = time_ops},
	{.key = "expected_start_time", .column = "tr.expected_start_time", .operators = time_range_ops},
	{.key = "subflow_runs", .operators = task_run_subflow_ops},
	{.key = "flow_run_id", .column = "tr.flow_run_id", .has_combinator = true,
	.flags = FIELD_FLOW_RUN_ID, .operators = uuid_any_is_null_ops},
	END_FIELDS
};

static const FilterField task_run_root = {.has_combinator = true, .children = task_run_fields};


/* ---- deployments: DeploymentFilter on deployment d ---- */

static const FilterOperator deployment_flow_or_name_ops[] = {
	{.key = "like_", .value = FV_STRING, .on_empty = EMPTY_SKIPPED, .pattern = PATTERN_CONTAINS,
		.sql = "(d.name OPERATOR(pg_catalog.~~*) {param} OR EXISTS (SELECT 1 FROM {flow} df"
		" WHERE df.id OPERATOR(pg_catalog.=) d.flow_id AND df.name OPERATOR(pg_catalog.~~*) {param}))"},
	END_OPERATORS
};

static const FilterOperator deployment_paused_ops[] = {
	{.key = "eq_", .value = FV_BOOL, .sql = "d.paused IS TRUE", .sql_if_false = "d.paused IS FALSE"},
	END_OPERATORS
};

/* deprecated by Prefect: accepted and validated, never applied */
static const FilterOperator deployment_concurrency_limit_ops[] = {
	{.key = "ge_", .value = FV_INT, .ignored = true},
	{.key = "le_", .value = FV_INT, .ignored = true},
	{.key = "is_null_", .value = FV_BOOL, .ignored = true},
	END_OPERATORS
};

static const FilterField deployment_fields[] = {
	{.key = "id", .column = "d.id", .operators = uuid_any_not_any_ops},
	{.key = "name", .column = "d.name", .operators = name_ops},
	{.key = "flow_or_deployment_name", .operators = deployment_flow_or_name_ops},
	{.key = "paused", .operators = deployment_paused_ops},
	{.key = "tags", .column = "d.tags", .has_combinator = true, .operators = tags_all_any_is_null_ops},
	{.key = "work_queue_name", .column = "d.work_queue_name", .operators = text_any_ops},
	{.key = "concurrency_limit", .flags = FIELD_IGNORED, .operators = deployment_concurrency_limit_ops},
	END_FIELDS
};

static const FilterField deployment_root = {.has_combinator = true, .children = deployment_fields};


/* ---- work_pools: WorkPoolFilter on work_pool wp ---- */

static const FilterField work_pool_fields[] = {
	{.key = "id", .column = "wp.id", .operators = uuid_any_ops},
	{.key = "name", .column = "wp.name", .operators = text_any_ops},
	{.key = "type", .column = "wp.type", .operators = text_any_ops},
	END_FIELDS
};

static const FilterField work_pool_root = {.has_combinator = true, .children = work_pool_fields};


/* ---- work_queues: WorkQueueFilter on work_queue wq ---- */

/* (name ILIKE v1 || '%' OR ...); an empty list is an empty OR that vanishes */
static const FilterOperator work_queue_name_ops[] = {
	OP_ANY(FV_TEXT_LIST),
	{.key = "startswith_", .value = FV_TEXT_LIST, .on_empty = EMPTY_VANISHES,
	.pattern = PATTERN_PREFIX, .sql = "{col} OPERATOR(pg_catalog.~~*) ANY({param})"},
	END_OPERATORS
};

static const FilterField work_queue_fields[] = {
	{.key = "id", .column = "wq.id", .operators = uuid_any_ops},
	{.key = "name", .column = "wq.name", .operators = work_queue_name_ops},
	END_FIELDS
};

static const FilterField work_queue_root = {.has_combinator = true, .children = work_queue_fields};

const FilterModel filter_models[FO_COUNT] = {
	[FO_FLOWS] = {"flows", PT_FLOW, &flow_root},
	[FO_FLOW_RUNS] = {"flow_runs", PT_FLOW_RUN, &flow_run_root},
	[FO_TASK_RUNS] = {"task_runs", PT_TASK_RUN, &task_run_root},
	[FO_DEPLOYMENTS] = {"deployments", PT_DEPLOYMENT, &deployment_root},
	[FO_WORK_POOLS] = {"work_pools", PT_WORK_POOL, &work_pool_root},
	[FO_WORK_QUEUES] = {"work_queues", PT_WORK_QUEUE, &work_queue_root},
};

/* The position of a child among parent->children, -1 if none */
int
filter_field_index(const FilterField *parent, const char *key)
{
	for (int i = 0; parent->children && parent->children[i].key; i++)
		if (strcmp(parent->children[i].key, key) == 0)
			return i;
	return -1;
}

/* The position of an operator key among field->operators, -1 if none */
int
filter_operator_index(const FilterField *field, const char *key)
{
	for (int i = 0; field->operators && field->operators[i].key; i++)
		if (strcmp(field->operators[i].key, key) == 0)
			return i;
	return -1;
}
