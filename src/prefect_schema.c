/*
 * prefect_schema.c
 *	  Where Prefect's tables are.
 *
 * With flow_history.schema empty, table names resolve through the caller's
 * search_path, exactly as an unqualified name in the caller's own query
 * would; otherwise they are looked up in that schema, which the caller must
 * be allowed to USE.  Either way the generated SQL names every table
 * schema-qualified, so the query does not depend on search_path again.
 * Lookups take no lock: the query that reads the tables locks them.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

#include "prefect_schema.h"

char	   *flow_history_schema_setting = NULL;

static const char *const table_sql_names[PT_COUNT] = {
	[PT_FLOW] = "flow",
	[PT_FLOW_RUN] = "flow_run",
	[PT_TASK_RUN] = "task_run",
	[PT_DEPLOYMENT] = "deployment",
	[PT_WORK_POOL] = "work_pool",
	[PT_WORK_QUEUE] = "work_queue",
};

void
prefect_schema_define_guc(void)
{
	DefineCustomStringVariable("flow_history.schema",
							   "Schema that holds Prefect's tables.",
							   "Empty (the default) resolves the tables through search_path.",
							   &flow_history_schema_setting,
							   "",
							   PGC_USERSET,
							   0,
							   NULL, NULL, NULL);
	MarkGUCPrefixReserved("flow_history");
}

/* Map a table name as written in a SQL template ("flow_run") to its enum. */
bool
prefect_table_from_sql_name(const char *name, int len, PrefectTable *table)
{
	for (int i = 0; i < PT_COUNT; i++)
	{
		if ((int) strlen(table_sql_names[i]) == len &&
			memcmp(table_sql_names[i], name, len) == 0)
		{
			*table = (PrefectTable) i;
			return true;
		}
	}
	return false;
}

static Oid
resolve_table(PrefectTable table)
{
	const char *name = table_sql_names[table];
	const char *schema = flow_history_schema_setting;
	Oid			relid;

	if (schema != NULL && schema[0] != '\0')
	{
		/* errors with 42501 if the caller may not use the schema */
		Oid			nsp = LookupExplicitNamespace(schema, true);

		if (!OidIsValid(nsp))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_SCHEMA),
					 errmsg("schema \"%s\" does not exist", schema),
					 errdetail("It is named by the setting flow_history.schema.")));
		relid = get_relname_relid(name, nsp);
		if (!OidIsValid(relid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("relation \"%s.%s\" does not exist", schema, name),
					 errhint("flow_history.schema must name the schema that holds Prefect's tables.")));
	}
	else
	{
		relid = RelnameGetRelid(name);
		if (!OidIsValid(relid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("relation \"%s\" does not exist", name),
					 errhint("flow_history reads Prefect's tables: put their schema on search_path, or set flow_history.schema.")));
	}
	return relid;
}

const char *
prefect_table_name(PrefectTables *tables, PrefectTable table)
{
	if (tables->qualified_name[table] == NULL)
	{
		Oid			relid = resolve_table(table);

		tables->relid[table] = relid;
		tables->qualified_name[table] =
			quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									   table_sql_names[table]);
	}
	return tables->qualified_name[table];
}

/* The OID of one of Prefect's tables, resolved as prefect_table_name() resolves it */
Oid
prefect_table_relid(PrefectTables *tables, PrefectTable table)
{
	(void) prefect_table_name(tables, table);
	return tables->relid[table];
}
