/*
 * history_output.h
 *	  Rendering a computed history: SQL rows, or Prefect's JSON response as
 *	  jsonb or as text.
 */
#ifndef FLOW_HISTORY_HISTORY_OUTPUT_H
#define FLOW_HISTORY_HISTORY_OUTPUT_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/jsonb.h"

#include "bucket_agg.h"
#include "request.h"

extern void history_emit_rows(FunctionCallInfo fcinfo, const HistoryRequest *req,
							  HistoryResult *result);
extern Jsonb *history_to_jsonb(const HistoryRequest *req, HistoryResult *result);
extern text *history_to_json_text(const HistoryRequest *req, HistoryResult *result);

#endif
