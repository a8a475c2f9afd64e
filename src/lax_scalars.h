/*
 * lax_scalars.h
 *	  Scalar values read as Prefect's pydantic models read them (lax mode).
 */
#ifndef FLOW_HISTORY_LAX_SCALARS_H
#define FLOW_HISTORY_LAX_SCALARS_H

#include "postgres.h"
#include "utils/uuid.h"

#include "json_walk.h"

extern char *json_string(const JsonbValue *value, const JsonPath *path);
extern bool json_bool(const JsonbValue *value, const JsonPath *path);
extern void json_check_int(const JsonbValue *value, const JsonPath *path);
extern double json_float(const JsonbValue *value, const JsonPath *path,
						 const char *hint);
extern bool is_decimal_text(const char *s, int len);
extern void json_uuid(const JsonbValue *value, const JsonPath *path,
					  pg_uuid_t *out);
extern char *uuid_lower_text(const pg_uuid_t *uuid);

#endif
