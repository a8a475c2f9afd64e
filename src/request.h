/*
 * request.h
 *	  A history request: Prefect's request body, validated, and the time
 *	  window it describes.
 */
#ifndef FLOW_HISTORY_REQUEST_H
#define FLOW_HISTORY_REQUEST_H

#include "postgres.h"
#include "datatype/timestamp.h"
#include "utils/jsonb.h"

#include "filter_models.h"

/* Prefect caps the number of intervals of one answer */
#define MAX_HISTORY_INTERVALS 500

typedef enum RunKind
{
	RUN_FLOW,					/* /flow_runs/history over flow_run */
	RUN_TASK					/* /task_runs/history over task_run */
} RunKind;

typedef struct HistoryRequest
{
	RunKind		kind;
	TimestampTz start;
	TimestampTz end;
	/* the interval as given: JSON seconds, or an exact interval (psql) */
	bool		interval_in_seconds;
	double		interval_seconds;
	int64		interval_us;
	bool		has_filter[FO_COUNT];
	JsonbValue	filter[FO_COUNT];	/* JSON objects */
	int			nbuckets;		/* set by lay_out_intervals() */
} HistoryRequest;

extern void parse_history_request(Jsonb *body, RunKind kind, HistoryRequest *req);
extern void init_history_request_args(HistoryRequest *req, RunKind kind,
									  TimestampTz start, TimestampTz end,
									  const Interval *interval, Jsonb *filters);
extern void lay_out_intervals(HistoryRequest *req);

#endif
