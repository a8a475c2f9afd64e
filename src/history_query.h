/*
 * history_query.h
 *	  The one SQL statement of a history call: building it, running it via
 *	  SPI, describing it.
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
	StringInfoData conditions;	/* the filters', each "\n   AND ..." */
	QueryParams params;
	PrefectTables tables;
	BucketLayout layout;		/* what the aggregate's result must match */
} HistoryQuery;

extern void init_history_query(HistoryQuery *query);
extern FilterCompiler history_query_compiler(HistoryQuery *query);
extern void finish_history_query(HistoryQuery *query, const HistoryRequest *req,
								 Oid extension_namespace);
extern HistoryResult *run_history_query(const HistoryQuery *query);
extern char *describe_history_query(const HistoryQuery *query,
									const HistoryRequest *req);

#endif
