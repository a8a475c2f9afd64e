/*
 * flow_history.h
 *	  The pipeline of a history call, for the SQL-callable functions that
 *	  need its first steps (flow_history_request_errors).
 */
#ifndef FLOW_HISTORY_FLOW_HISTORY_H
#define FLOW_HISTORY_FLOW_HISTORY_H

#include "postgres.h"

#include "history_query.h"
#include "request.h"

extern void compile_history(HistoryRequest *req, HistoryQuery *query, Oid extension_namespace);

#endif
