/*
 * filter_spec.c
 *	  Prefect's six filter models (server/schemas/filters.py at Prefect
 *	  3.8.4.dev6), as data.  See filter_spec.h for the template syntax and
 *	  ../../shared/spec/prefect-history-semantics.md sections 6-7 for what
 *	  each key means.  Fields appear in the order of Prefect's
 *	  _get_filter_list, so generated SQL reads like Prefect's.
 */
#include "postgres.h"

#include "filter_spec.h"

#define END_OPERANDS {.key = NULL}
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

static const FilterOperand uuid_any_ops[] = {OP_ANY(FV_UUID_LIST), END_OPERANDS};
static const FilterOperand uuid_any_not_any_ops[] = {OP_ANY(FV_UUID_LIST), OP_NOT_ANY(FV_UUID_LIST), END_OPERANDS};
static const FilterOperand uuid_any_is_null_ops[] = {OP_ANY(FV_UUID_LIST), OP_IS_NULL, END_OPERANDS};
static const FilterOperand text_any_ops[] = {OP_ANY(FV_TEXT_LIST), END_OPERANDS};
static const FilterOperand text_any_not_any_ops[] = {OP_ANY(FV_TEXT_LIST), OP_NOT_ANY(FV_TEXT_LIST), END_OPERANDS};
static const FilterOperand text_any_is_null_ops[] = {OP_ANY(FV_TEXT_LIST), OP_IS_NULL, END_OPERANDS};
static const FilterOperand name_ops[] = {OP_ANY(FV_TEXT_LIST), OP_LIKE, END_OPERANDS};
static const FilterOperand state_type_any_ops[] = {OP_ANY(FV_STATE_TYPE_LIST), END_OPERANDS};
static const FilterOperand state_type_any_not_any_ops[] = {OP_ANY(FV_STATE_TYPE_LIST), OP_NOT_ANY(FV_STATE_TYPE_LIST), END_OPERANDS};
static const FilterOperand tags_all_is_null_ops[] = {OP_TAGS_ALL, OP_TAGS_IS_NULL, END_OPERANDS};
static const FilterOperand tags_all_any_is_null_ops[] = {OP_TAGS_ALL, OP_TAGS_ANY, OP_TAGS_IS_NULL, END_OPERANDS};
static const FilterOperand time_ops[] = {OP_BEFORE, OP_AFTER, OP_IS_NULL, END_OPERANDS};
static const FilterOperand time_range_ops[] = {OP_BEFORE, OP_AFTER, END_OPERANDS};

/* ---- flows: FlowFilter on flow f ---- */

static const FilterOperand flow_deployment_ops[] = {
	{.key = "is_null_", .value = FV_BOOL,
		.sql = "NOT EXISTS (SELECT 1 FROM {deployment} fd WHERE fd.flow_id OPERATOR(pg_catalog.=) f.id)",
	.sql_if_false = "EXISTS (SELECT 1 FROM {deployment} fd WHERE fd.flow_id OPERATOR(pg_catalog.=) f.id)"},
	END_OPERANDS
};

static const FilterField flow_fields[] = {
	{.key = "id", .column = "f.id", .operands = uuid_any_not_any_ops},
	{.key = "deployment", .has_operator = true, .operands = flow_deployment_ops},
	{.key = "name", .column = "f.name", .operands = name_ops},
	{.key = "tags", .column = "f.tags", .has_operator = true, .operands = tags_all_is_null_ops},
	END_FIELDS
};

static const FilterField flow_root = {.key = "flows", .has_operator = true, .children = flow_fields};

const FilterModel flow_filter_model = {"FlowFilter", PT_FLOW, &flow_root};

/* ---- flow_runs: FlowRunFilter on flow_run fr ---- */

static const FilterField flow_run_state_fields[] = {
	{.key = "type", .column = "fr.state_type", .operands = state_type_any_not_any_ops},
	{.key = "name", .column = "fr.state_name", .operands = text_any_not_any_ops},
	END_FIELDS
};

/* a run that has not started is compared on its expected start */
static const FilterOperand flow_run_start_time_ops[] = {
	{.key = "before_", .value = FV_DATETIME,
	.sql = "COALESCE(fr.start_time, fr.expected_start_time) OPERATOR(pg_catalog.<=) {param}"},
	{.key = "after_", .value = FV_DATETIME,
	.sql = "COALESCE(fr.start_time, fr.expected_start_time) OPERATOR(pg_catalog.>=) {param}"},
	{.key = "is_null_", .value = FV_BOOL,
	.sql = "fr.start_time IS NULL", .sql_if_false = "fr.start_time IS NOT NULL"},
	END_OPERANDS
};

/* direct subflows of the listed flow runs, through their parent task run */
static const FilterOperand flow_run_parent_flow_run_ops[] = {
	{.key = "any_", .value = FV_UUID_LIST, .on_empty = EMPTY_BINDS,
		.sql = "EXISTS (SELECT 1 FROM {task_run} pt"
		" WHERE pt.id OPERATOR(pg_catalog.=) fr.parent_task_run_id AND pt.flow_run_id OPERATOR(pg_catalog.=) ANY({param}))"},
	END_OPERANDS
};

/* Prefect compares created_by's JSON text with lower-case hyphenated ids */
static const FilterOperand flow_run_created_by_ops[] = {
	{.key = "id_", .value = FV_UUID_TEXT_LIST, .on_empty = EMPTY_BINDS,
	.sql = "({col} OPERATOR(pg_catalog.->>) 'id'::pg_catalog.text) OPERATOR(pg_catalog.=) ANY({param})"},
	{.key = "type_", .value = FV_TEXT_LIST, .on_empty = EMPTY_BINDS,
	.sql = "({col} OPERATOR(pg_catalog.->>) 'type'::pg_catalog.text) OPERATOR(pg_catalog.=) ANY({param})"},
	OP_IS_NULL,
	END_OPERANDS
};

static const FilterField flow_run_fields[] = {
	{.key = "id", .column = "fr.id", .operands = uuid_any_not_any_ops},
	{.key = "name", .column = "fr.name", .operands = name_ops},
	{.key = "tags", .column = "fr.tags", .has_operator = true, .operands = tags_all_any_is_null_ops},
	{.key = "deployment_id", .column = "fr.deployment_id", .has_operator = true,
	.operands = uuid_any_is_null_ops},
	{.key = "work_queue_name", .column = "fr.work_queue_name", .has_operator = true,
	.operands = text_any_is_null_ops},
	{.key = "flow_version", .column = "fr.flow_version", .operands = text_any_ops},
	{.key = "state", .has_operator = true, .flags = FIELD_KEEP_SINGLE_CHILDREN,
	.children = flow_run_state_fields},
	{.key = "start_time", .operands = flow_run_start_time_ops},
	{.key = "end_time", .column = "fr.end_time", .operands = time_ops},
	{.key = "expected_start_time", .column = "fr.expected_start_time", .operands = time_range_ops},
	{.key = "next_scheduled_start_time", .column = "fr.next_scheduled_start_time",
	.operands = time_range_ops},
	{.key = "parent_flow_run_id", .has_operator = true, .operands = flow_run_parent_flow_run_ops},
	{.key = "parent_task_run_id", .column = "fr.parent_task_run_id", .has_operator = true,
	.operands = uuid_any_is_null_ops},
	{.key = "idempotency_key", .column = "fr.idempotency_key", .operands = text_any_not_any_ops},
	{.key = "created_by", .column = "fr.created_by", .has_operator = true,
	.operands = flow_run_created_by_ops},
	END_FIELDS
};

static const FilterField flow_run_root = {.key = "flow_runs", .has_operator = true, .children = flow_run_fields};

const FilterModel flow_run_filter_model = {"FlowRunFilter", PT_FLOW_RUN, &flow_run_root};

/* ---- task_runs: TaskRunFilter on task_run tr ---- */

static const FilterField task_run_state_fields[] = {
	{.key = "type", .column = "tr.state_type", .operands = state_type_any_ops},
	{.key = "name", .column = "tr.state_name", .operands = text_any_ops},
	END_FIELDS
};

/* the task run is the parent task of some subflow run */
static const FilterOperand task_run_subflow_ops[] = {
	{.key = "exists_", .value = FV_BOOL,
		.sql = "EXISTS (SELECT 1 FROM {flow_run} sf WHERE sf.parent_task_run_id OPERATOR(pg_catalog.=) tr.id)",
	.sql_if_false = "NOT EXISTS (SELECT 1 FROM {flow_run} sf WHERE sf.parent_task_run_id OPERATOR(pg_catalog.=) tr.id)"},
	END_OPERANDS
};

static const FilterField task_run_fields[] = {
	{.key = "id", .column = "tr.id", .operands = uuid_any_ops},
	{.key = "name", .column = "tr.name", .operands = name_ops},
	{.key = "tags", .column = "tr.tags", .has_operator = true, .operands = tags_all_is_null_ops},
	{.key = "state", .has_operator = true, .flags = FIELD_KEEP_SINGLE_CHILDREN,
	.children = task_run_state_fields},
	{.key = "start_time", .column = "tr.start_time", .operands = time_ops},
	{.key = "end_time", .column = "tr.end_time", .operands = time_ops},
	{.key = "expected_start_time", .column = "tr.expected_start_time", .operands = time_range_ops},
	{.key = "subflow_runs", .operands = task_run_subflow_ops},
	{.key = "flow_run_id", .column = "tr.flow_run_id", .has_operator = true,
	.flags = FIELD_FLOW_RUN_ID, .operands = uuid_any_is_null_ops},
	END_FIELDS
};

static const FilterField task_run_root = {.key = "task_runs", .has_operator = true, .children = task_run_fields};

const FilterModel task_run_filter_model = {"TaskRunFilter", PT_TASK_RUN, &task_run_root};

/* ---- deployments: DeploymentFilter on deployment d ---- */

static const FilterOperand deployment_flow_or_name_ops[] = {
	{.key = "like_", .value = FV_STRING, .on_empty = EMPTY_SKIPPED, .pattern = PATTERN_CONTAINS,
		.sql = "(d.name OPERATOR(pg_catalog.~~*) {param} OR EXISTS (SELECT 1 FROM {flow} df"
		" WHERE df.id OPERATOR(pg_catalog.=) d.flow_id AND df.name OPERATOR(pg_catalog.~~*) {param}))"},
	END_OPERANDS
};

static const FilterOperand deployment_paused_ops[] = {
	{.key = "eq_", .value = FV_BOOL, .sql = "d.paused IS TRUE", .sql_if_false = "d.paused IS FALSE"},
	END_OPERANDS
};

/* deprecated by Prefect: accepted and validated, never applied */
static const FilterOperand deployment_concurrency_limit_ops[] = {
	{.key = "ge_", .value = FV_INT, .ignored = true},
	{.key = "le_", .value = FV_INT, .ignored = true},
	{.key = "is_null_", .value = FV_BOOL, .ignored = true},
	END_OPERANDS
};

static const FilterField deployment_fields[] = {
	{.key = "id", .column = "d.id", .operands = uuid_any_not_any_ops},
	{.key = "name", .column = "d.name", .operands = name_ops},
	{.key = "flow_or_deployment_name", .operands = deployment_flow_or_name_ops},
	{.key = "paused", .operands = deployment_paused_ops},
	{.key = "tags", .column = "d.tags", .has_operator = true, .operands = tags_all_any_is_null_ops},
	{.key = "work_queue_name", .column = "d.work_queue_name", .operands = text_any_ops},
	{.key = "concurrency_limit", .flags = FIELD_IGNORED, .operands = deployment_concurrency_limit_ops},
	END_FIELDS
};

static const FilterField deployment_root = {.key = "deployments", .has_operator = true, .children = deployment_fields};

const FilterModel deployment_filter_model = {"DeploymentFilter", PT_DEPLOYMENT, &deployment_root};

/* ---- work_pools: WorkPoolFilter on work_pool wp ---- */

static const FilterField work_pool_fields[] = {
	{.key = "id", .column = "wp.id", .operands = uuid_any_ops},
	{.key = "name", .column = "wp.name", .operands = text_any_ops},
	{.key = "type", .column = "wp.type", .operands = text_any_ops},
	END_FIELDS
};

static const FilterField work_pool_root = {.key = "work_pools", .has_operator = true, .children = work_pool_fields};

const FilterModel work_pool_filter_model = {"WorkPoolFilter", PT_WORK_POOL, &work_pool_root};

/* ---- work_queues: WorkQueueFilter on work_queue wq ---- */

/* (name ILIKE v1 || '%' OR ...); an empty list is an empty OR that vanishes */
static const FilterOperand work_queue_name_ops[] = {
	OP_ANY(FV_TEXT_LIST),
	{.key = "startswith_", .value = FV_TEXT_LIST, .on_empty = EMPTY_VANISHES,
	.pattern = PATTERN_PREFIX, .sql = "{col} OPERATOR(pg_catalog.~~*) ANY({param})"},
	END_OPERANDS
};

static const FilterField work_queue_fields[] = {
	{.key = "id", .column = "wq.id", .operands = uuid_any_ops},
	{.key = "name", .column = "wq.name", .operands = work_queue_name_ops},
	END_FIELDS
};

static const FilterField work_queue_root = {.key = "work_queues", .has_operator = true, .children = work_queue_fields};

const FilterModel work_queue_filter_model = {"WorkQueueFilter", PT_WORK_QUEUE, &work_queue_root};
