/*
 * filter_compose.c
 *	  The conditions a request's filter objects put on the run table, as
 *	  Prefect's _apply_flow_run_filters and _apply_task_run_filters combine
 *	  them: flow-run history filters flow_run fr directly
 *	  and through EXISTS on the related tables; task-run history filters
 *	  task_run tr, and its flow-run side through one EXISTS, or Prefect's
 *	  short cut when flow_runs lists ids only.
 */
#include "postgres.h"

#include "filter_compose.h"

/* Each condition is ANDed to the WHERE clause */
static void
add_condition(StringInfo conditions, const char *sql)
{
	appendStringInfo(conditions, "\n   AND %s", sql);
}

/* Only SQL adds a condition: TRUE and an absent or vanished clause add none */
static void
add_clause(StringInfo conditions, Clause clause)
{
	if (clause.kind == CLAUSE_SQL)
		add_condition(conditions, clause.sql);
}

static void
append_and_clause(StringInfo sql, Clause clause)
{
	if (clause.kind == CLAUSE_SQL)
		appendStringInfo(sql, " AND %s", clause.sql);
}

static Clause
compile_object(FilterCompiler *fc, const HistoryRequest *req, FilterObject object,
			   FilterShape *shape)
{
	return compile_filter(fc, object, &req->filter[object], shape);
}

/* EXISTS (<head> [AND <the object's clause>]): the related row must exist in any case */
static void
add_exists(FilterCompiler *fc, const HistoryRequest *req, StringInfo conditions,
		   FilterObject object, const char *head)
{
	StringInfoData exists;

	initStringInfo(&exists);
	appendStringInfo(&exists, "EXISTS (%s", expand_sql_template(fc, PT_FLOW_RUN, head, NULL, 0));
	append_and_clause(&exists, compile_object(fc, req, object, NULL));
	appendStringInfoChar(&exists, ')');
	add_condition(conditions, exists.data);
}

static void
compose_flow_run_filters(FilterCompiler *fc, const HistoryRequest *req, StringInfo conditions)
{
	if (req->has_filter[FO_FLOW_RUNS])
		add_clause(conditions, compile_object(fc, req, FO_FLOW_RUNS, NULL));
	if (req->has_filter[FO_DEPLOYMENTS])
		add_exists(fc, req, conditions, FO_DEPLOYMENTS,
				   "SELECT 1 FROM {deployment} d WHERE d.id OPERATOR(pg_catalog.=) fr.deployment_id");
	if (req->has_filter[FO_WORK_POOLS])
		add_exists(fc, req, conditions, FO_WORK_POOLS,
				   "SELECT 1 FROM {work_queue} wpq JOIN {work_pool} wp"
				   " ON wp.id OPERATOR(pg_catalog.=) wpq.work_pool_id"
				   " WHERE wpq.id OPERATOR(pg_catalog.=) fr.work_queue_id");
	if (req->has_filter[FO_WORK_QUEUES])
		add_exists(fc, req, conditions, FO_WORK_QUEUES,
				   "SELECT 1 FROM {work_queue} wq WHERE wq.id OPERATOR(pg_catalog.=) fr.work_queue_id");
	/* Prefect joins flow and task_run in one subquery; two EXISTS are equal */
	if (req->has_filter[FO_FLOWS])
		add_exists(fc, req, conditions, FO_FLOWS,
				   "SELECT 1 FROM {flow} f WHERE f.id OPERATOR(pg_catalog.=) fr.flow_id");
	if (req->has_filter[FO_TASK_RUNS])
		add_exists(fc, req, conditions, FO_TASK_RUNS,
				   "SELECT 1 FROM {task_run} tr WHERE tr.flow_run_id OPERATOR(pg_catalog.=) fr.id");
}

/*
 * Prefect's FlowRunFilter.only_filters_on_id(): a non-empty id.any_, no
 * not_any_, and none of the other fields it names (it does not name
 * created_by, which the short cut then ignores).
 */
static bool
only_filters_on_id(const FilterShape *shape)
{
	const FilterField *root = filter_models[FO_FLOW_RUNS].root;
	int			id = filter_field_index(root, "id");
	const FilterField *id_field = &root->children[id];
	uint32		any_ = (uint32) 1 << filter_operator_index(id_field, "any_");
	uint32		not_any_ = (uint32) 1 << filter_operator_index(id_field, "not_any_");
	uint32		seen = 0;

	for (int i = 0; root->children[i].key; i++)
		if (!(root->children[i].flags & FIELD_UNSEEN_BY_ID_SHORT_CUT))
			seen |= (uint32) 1 << i;
	return (shape->fields_set & seen) == (uint32) 1 << id &&
		(shape->operators_set[id] & any_) && !(shape->operators_set[id] & not_any_);
}

static void
compose_task_run_filters(FilterCompiler *fc, const HistoryRequest *req, StringInfo conditions)
{
	bool		flows = req->has_filter[FO_FLOWS];
	bool		flow_runs = req->has_filter[FO_FLOW_RUNS];
	bool		deployments = req->has_filter[FO_DEPLOYMENTS];
	Clause		flow_run_clause = {.kind = CLAUSE_NONE};
	StringInfoData exists;

	if (req->has_filter[FO_TASK_RUNS])
		add_clause(conditions, compile_object(fc, req, FO_TASK_RUNS, NULL));
	if (!flows && !flow_runs && !deployments)
		return;

	if (flow_runs)
	{
		int			first_param = fc->params->count + 1;
		FilterShape shape;

		flow_run_clause = compile_object(fc, req, FO_FLOW_RUNS, &shape);
		/* Prefect's short cut: the ids alone, bound once as "tr.flow_run_id = ANY($n)" */
		if (!flows && !deployments && only_filters_on_id(&shape))
		{
			Assert(fc->params->count == first_param);
			add_condition(conditions,
						  psprintf("tr.flow_run_id OPERATOR(pg_catalog.=) ANY($%d)", first_param));
			return;
		}
	}

	/* templates are expanded before compiled clauses are appended */
	initStringInfo(&exists);
	appendStringInfoString(&exists,
						   expand_sql_template(fc, PT_TASK_RUN, "SELECT 1 FROM {flow_run} fr", NULL, 0));
	if (flows)
		appendStringInfoString(&exists,
							   expand_sql_template(fc, PT_TASK_RUN,
												   " JOIN {flow} f ON f.id OPERATOR(pg_catalog.=) fr.flow_id",
												   NULL, 0));
	if (deployments)
		appendStringInfoString(&exists,
							   expand_sql_template(fc, PT_TASK_RUN,
												   " JOIN {deployment} d ON d.id OPERATOR(pg_catalog.=) fr.deployment_id",
												   NULL, 0));
	appendStringInfoString(&exists, " WHERE fr.id OPERATOR(pg_catalog.=) tr.flow_run_id");
	append_and_clause(&exists, flow_run_clause);
	if (flows)
		append_and_clause(&exists, compile_object(fc, req, FO_FLOWS, NULL));
	if (deployments)
		append_and_clause(&exists, compile_object(fc, req, FO_DEPLOYMENTS, NULL));
	add_condition(conditions, psprintf("EXISTS (%s)", exists.data));
}

/*
 * Compile the request's filter objects into conditions on the run table
 * (each "\n   AND ..."); their values become fc's parameters.
 */
void
compose_history_filters(FilterCompiler *fc, const HistoryRequest *req, StringInfo conditions)
{
	if (req->kind == RUN_FLOW)
		compose_flow_run_filters(fc, req, conditions);
	else
		compose_task_run_filters(fc, req, conditions);
}
