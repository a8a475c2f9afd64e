/*
 * request.c
 *	  Validating a history request and working out its intervals.
 *
 * The body is Prefect's: history_start, history_end,
 * history_interval_seconds and up to six filter objects.  As in Prefect,
 * unknown top-level keys are ignored (with a NOTICE here), a JSON null is
 * the same as an absent key, and the interval is checked only after
 * everything else was validated (lay_out_intervals).
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "utils/builtins.h"

#include "datetime_io.h"
#include "json_walk.h"
#include "lax_scalars.h"
#include "request.h"

/* beyond this no interval fits between years 1 and 9999 */
#define MAX_INTERVAL_SECONDS 1e12

typedef enum WindowKey
{
	WK_START,
	WK_END,
	WK_INTERVAL,
	WK_COUNT
} WindowKey;

static const char *const window_keys[WK_COUNT] = {
	"history_start", "history_end", "history_interval_seconds"
};

static char *
clipped_key(const JsonField *m)
{
	JsonPath	path = json_path_key(NULL, m->key, m->keylen);

	return json_path_string(&path);
}

static bool
read_filter_member(const JsonField *m, RunKind kind, HistoryRequest *req)
{
	for (int fo = 0; fo < FO_COUNT; fo++)
	{
		JsonPath	path;

		if (!json_key_equals(m->key, m->keylen, filter_models[fo].key))
			continue;
		if (m->value.type == jbvNull)
			return true;
		/* /task_runs/history has no such parameters: Prefect ignores them */
		if (kind == RUN_TASK && (fo == FO_WORK_POOLS || fo == FO_WORK_QUEUES))
		{
			ereport(NOTICE,
					(errmsg("ignoring \"%s\": task-run history does not filter on %s",
							filter_models[fo].key, filter_models[fo].key)));
			return true;
		}
		path = json_path_key(NULL, m->key, m->keylen);
		if (!json_is_object(&m->value))
			json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, &path,
							 "a filter object", &m->value, NULL);
		req->has_filter[fo] = true;
		req->filter[fo] = m->value;
		return true;
	}
	return false;
}

static void
notice_unknown_key(const JsonField *m)
{
	ereport(NOTICE,
			(errmsg("ignoring unrecognized key \"%s\" in history request", clipped_key(m))));
}

void
parse_history_request(Jsonb *body, RunKind kind, HistoryRequest *req)
{
	JsonbValue	root;
	JsonField  *members;
	const JsonField *window[WK_COUNT] = {NULL};
	int			n;

	memset(req, 0, sizeof(*req));
	req->kind = kind;
	json_root_value(body, &root);
	if (!json_is_object(&root))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("history request must be a JSON object, not %s",
						json_describe_value(&root))));

	members = json_object_fields(&root, &n);
	for (int i = 0; i < n; i++)
	{
		bool		known = false;

		for (int w = 0; w < WK_COUNT; w++)
		{
			if (json_key_equals(members[i].key, members[i].keylen, window_keys[w]))
			{
				if (members[i].value.type != jbvNull)
					window[w] = &members[i];
				known = true;
			}
		}
		if (!known && !read_filter_member(&members[i], kind, req))
			notice_unknown_key(&members[i]);
	}

	for (int w = 0; w < WK_COUNT; w++)
		if (window[w] == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("history request is missing \"%s\"", window_keys[w]),
					 errhint("A history request needs history_start, history_end and history_interval_seconds.")));

	for (int w = 0; w < WK_COUNT; w++)
	{
		JsonPath	path = json_path_key(NULL, window_keys[w], strlen(window_keys[w]));

		switch ((WindowKey) w)
		{
			case WK_START:
				req->start = json_datetime(&window[w]->value, &path);
				break;
			case WK_END:
				req->end = json_datetime(&window[w]->value, &path);
				break;
			case WK_INTERVAL:
				req->interval_in_seconds = true;
				req->interval_seconds = json_float(&window[w]->value, &path,
												   "Give the interval as a number of seconds, e.g. 3600.");
				break;
			case WK_COUNT:
				break;
		}
	}
}

static void
check_args_timestamp(TimestampTz ts, const char *name)
{
	if (ts < prefect_min_timestamp() || ts > prefect_max_timestamp())
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must lie between years 1 and 9999", name)));
}

/* The psql form: window as arguments, `filters` holding filter objects only. */
void
init_history_request_args(HistoryRequest *req, RunKind kind, TimestampTz start,
						  TimestampTz end, const Interval *interval, Jsonb *filters)
{
	JsonbValue	root;
	JsonField  *members;
	int			n;

	memset(req, 0, sizeof(*req));
	req->kind = kind;
	check_args_timestamp(start, "history_start");
	check_args_timestamp(end, "history_end");
	req->start = start;
	req->end = end;

#ifdef INTERVAL_NOT_FINITE
	/* PostgreSQL 17 added infinite intervals */
	if (INTERVAL_NOT_FINITE(interval))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("history_interval must be finite")));
#endif
	/* buckets have one fixed length: a month has none */
	if (interval->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("history_interval must not contain months or years"),
				 errhint("Intervals have a fixed length; write '30 days' rather than '1 month'.")));
	if (pg_mul_s64_overflow((int64) interval->day, USECS_PER_DAY, &req->interval_us) ||
		pg_add_s64_overflow(req->interval_us, interval->time, &req->interval_us))
		ereport(ERROR,
				(errcode(ERRCODE_INTERVAL_FIELD_OVERFLOW),
				 errmsg("history_interval is too large")));

	json_root_value(filters, &root);
	if (!json_is_object(&root))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("filters must be a JSON object, not %s", json_describe_value(&root)),
				 errhint("Pass an object holding filter objects, e.g. '{\"flow_runs\": {...}}'.")));
	members = json_object_fields(&root, &n);
	for (int i = 0; i < n; i++)
	{
		for (int w = 0; w < WK_COUNT; w++)
			if (json_key_equals(members[i].key, members[i].keylen, window_keys[w]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("filters must not contain \"%s\"", window_keys[w]),
						 errhint("This form takes the time window as its first three arguments.")));
		if (!read_filter_member(&members[i], kind, req))
			notice_unknown_key(&members[i]);
	}
}

/*
 * Python's timedelta(seconds=x), which Prefect applies to the interval:
 * whole seconds exactly, the fraction rounded to the nearest microsecond,
 * ties to even.
 */
static int64
timedelta_usecs(double seconds)
{
	double		intpart;
	double		fracpart = modf(seconds, &intpart);
	int64		usecs = (int64) intpart * USECS_PER_SEC;

	if (fracpart != 0.0)
	{
		double		leftover = modf(fracpart * 1e6, &intpart);
		double		whole = round(leftover);

		usecs += (int64) intpart;
		if (fabs(whole - leftover) == 0.5)
		{
			int			is_odd = (int) (usecs & 1);

			whole = 2.0 * round((leftover + is_odd) * 0.5) - is_odd;
		}
		usecs += (int64) whole;
	}
	return usecs;
}

/*
 * Check the interval and lay out the intervals: generate_series(start, end,
 * interval) without the points >= end, at most 500.  The last interval may
 * end after history_end; it must still end within year 9999, where Prefect
 * can write it.
 */
void
lay_out_intervals(HistoryRequest *req)
{
	int64		span;
	int64		count;
	int64		covered;
	TimestampTz last_end;

	if (req->interval_in_seconds)
	{
		if (isnan(req->interval_seconds))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("history_interval_seconds must be a number, not NaN")));
		if (isinf(req->interval_seconds))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("history_interval_seconds must be a finite number")));
		if (fabs(req->interval_seconds) > MAX_INTERVAL_SECONDS)
			ereport(ERROR,
					(errcode(ERRCODE_INTERVAL_FIELD_OVERFLOW),
					 errmsg("history_interval_seconds is too large"),
					 errdetail("Intervals must end before year 10000.")));
		req->interval_us = timedelta_usecs(req->interval_seconds);
	}
	if (req->interval_us < USECS_PER_SEC)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value at \"%s\": history interval must not be less than 1 second",
						req->interval_in_seconds ? window_keys[WK_INTERVAL] : "history_interval")));

	if (req->end <= req->start)
	{
		req->nbuckets = 0;
		return;
	}
	span = req->end - req->start;
	count = span / req->interval_us + (span % req->interval_us != 0);
	req->nbuckets = (int) Min(count, MAX_HISTORY_INTERVALS);

	if (pg_mul_s64_overflow(req->interval_us, req->nbuckets, &covered) ||
		pg_add_s64_overflow(req->start, covered, &last_end) ||
		last_end > prefect_max_timestamp())
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the last history interval would end after year 9999")));
}
