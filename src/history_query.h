/*
 * history_query.h
 *	  The one SQL query of a history request: how the six filter objects
 *	  combine for flow-run and task-run history, and running it via SPI.
 */
#ifndef FLOW_HISTORY_HISTORY_QUERY_H
#define FLOW_HISTORY_HISTORY_QUERY_H

#include "postgres.h"
#include "lib/stringinfo.h"

#include "bucket_agg.h"
#include "filter_compile.h"
#include "prefect_schema.h"
#include "request.h"

typedef struct HistoryQuery
{
	StringInfoData sql;
	QueryParams params;
	PrefectTables tables;
	BucketLayout layout;		/* what the aggregate's result must match */
} HistoryQuery;

extern void build_history_query(HistoryQuery *query, HistoryRequest *req,
								Oid extension_namespace);
extern HistoryResult *run_history_query(const HistoryQuery *query);
extern char *describe_history_query(const HistoryQuery *query,
									const HistoryRequest *req);

#endif
