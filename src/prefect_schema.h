/*
 * prefect_schema.h
 *	  Where Prefect's tables are: the flow_history.schema setting, or the
 *	  caller's search_path, resolved to schema-qualified names.
 */
#ifndef FLOW_HISTORY_PREFECT_SCHEMA_H
#define FLOW_HISTORY_PREFECT_SCHEMA_H

#include "postgres.h"

typedef enum PrefectTable
{
	PT_FLOW,
	PT_FLOW_RUN,
	PT_TASK_RUN,
	PT_DEPLOYMENT,
	PT_WORK_POOL,
	PT_WORK_QUEUE,
	PT_COUNT
} PrefectTable;

/* Lazily resolved names, one set per request */
typedef struct PrefectTables
{
	Oid			relid[PT_COUNT];
	char	   *qualified_name[PT_COUNT];
	Oid			state_type_oid[PT_COUNT];	/* type of the state_type column */
} PrefectTables;

extern char *flow_history_schema_setting;

extern void prefect_schema_define_guc(void);
extern bool prefect_table_from_sql_name(const char *name, int len, PrefectTable *table);
extern const char *prefect_table_name(PrefectTables *tables, PrefectTable table);
extern Oid	prefect_table_relid(PrefectTables *tables, PrefectTable table);

#endif
