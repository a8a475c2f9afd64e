/*
 * json_walk.h
 *	  Walking a request's JSON: paths for error messages, objects, arrays.
 */
#ifndef FLOW_HISTORY_JSON_WALK_H
#define FLOW_HISTORY_JSON_WALK_H

#include "postgres.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "compat.h"

/*
 * Where a value sits in the request, as a chain of stack frames: an object
 * key (key != NULL) or an array element (key == NULL, index).  Rendered as
 * "flow_runs.state.type.any_[0]" only when an error is raised.
 */
typedef struct JsonPath
{
	const struct JsonPath *parent;
	const char *key;
	int			keylen;
	int			index;
} JsonPath;

static inline JsonPath
json_path_key(const JsonPath *parent, const char *key, int keylen)
{
	JsonPath	p = {parent, key, keylen, -1};

	return p;
}

static inline JsonPath
json_path_index(const JsonPath *parent, int index)
{
	JsonPath	p = {parent, NULL, 0, index};

	return p;
}

/* An object member, key not NUL-terminated */
typedef struct JsonField
{
	const char *key;
	int			keylen;
	JsonbValue	value;
} JsonField;

extern char *json_path_string(const JsonPath *path);
extern char *json_describe_value(const JsonbValue *value);
extern char *json_numeric_text(Numeric num);
extern void json_root_value(Jsonb *jb, JsonbValue *out);
extern bool json_is_object(const JsonbValue *value);
extern bool json_key_equals(const char *key, int keylen, const char *name);

extern pg_noreturn void json_value_error(int sqlerrcode, const JsonPath *path,
							 const char *expected, const JsonbValue *got,
							 const char *hint);
extern pg_noreturn void json_unknown_key_error(const JsonPath *path,
								   const char *accepted);

extern JsonField *json_object_fields(const JsonbValue *object, int *nfields);
extern JsonbValue *json_array_items(const JsonbValue *array,
									   const JsonPath *path,
									   const char *expected, int *nelems);

#endif
