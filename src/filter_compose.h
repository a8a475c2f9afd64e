/*
 * filter_compose.h
 *	  How a request's filter objects combine into the conditions on the run
 *	  table, per endpoint, as Prefect combines them.
 */
#ifndef FLOW_HISTORY_FILTER_COMPOSE_H
#define FLOW_HISTORY_FILTER_COMPOSE_H

#include "postgres.h"
#include "lib/stringinfo.h"

#include "filter_compile.h"
#include "request.h"

extern void compose_history_filters(FilterCompiler *fc, const HistoryRequest *req,
									StringInfo conditions);

#endif
