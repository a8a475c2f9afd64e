/*
 * datetime_io.h
 *	  Date-times in and out the way Prefect's API reads and writes them.
 */
#ifndef FLOW_HISTORY_DATETIME_IO_H
#define FLOW_HISTORY_DATETIME_IO_H

#include "postgres.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"

#include "json_walk.h"

/* Python's datetime range, in which every instant we read or write lies */
extern TimestampTz prefect_min_timestamp(void);
extern TimestampTz prefect_max_timestamp(void);

extern TimestampTz json_datetime(const JsonbValue *value, const JsonPath *path);
extern void append_prefect_timestamp(StringInfo buf, TimestampTz ts);

#endif
