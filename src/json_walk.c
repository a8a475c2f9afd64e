/*
 * json_walk.c
 *	  Walking a request's JSON: objects, arrays, the path of a value, and
 *	  the errors that name it.
 *
 * Every reader takes the value's JsonPath so that a rejected value is
 * reported where it sits ("flow_runs.id.any_[0]").  Values shown in
 * messages are clipped to a few dozen bytes: a request may carry 10 MB
 * strings.  Everything allocated here lives in the caller's memory context.
 */
#include "postgres.h"

#include <math.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "json_walk.h"

#define MAX_SHOWN_BYTES 64

static void
append_clipped(StringInfo buf, const char *s, int len)
{
	int			shown = len;

	if (len > MAX_SHOWN_BYTES)
		shown = pg_mbcliplen(s, len, MAX_SHOWN_BYTES);
	appendBinaryStringInfo(buf, s, shown);
	if (shown < len)
		appendStringInfoString(buf, "...");
}

static void
append_path(StringInfo buf, const JsonPath *path)
{
	if (path == NULL)
		return;
	append_path(buf, path->parent);
	if (path->key != NULL)
	{
		if (buf->len > 0)
			appendStringInfoChar(buf, '.');
		append_clipped(buf, path->key, path->keylen);
	}
	else
		appendStringInfo(buf, "[%d]", path->index);
}

/* "flow_runs.state.type.any_[0]" */
char *
json_path_string(const JsonPath *path)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_path(&buf, path);
	return buf.data;
}

char *
json_numeric_text(Numeric num)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
}

/* How a value is shown in a message: "yesterday" quoted, 5, an object ... */
char *
json_describe_value(const JsonbValue *value)
{
	StringInfoData buf;

	initStringInfo(&buf);
	switch (value->type)
	{
		case jbvNull:
			appendStringInfoString(&buf, "null");
			break;
		case jbvString:
			appendStringInfoChar(&buf, '"');
			append_clipped(&buf, value->val.string.val, value->val.string.len);
			appendStringInfoChar(&buf, '"');
			break;
		case jbvNumeric:
			{
				char	   *text = json_numeric_text(value->val.numeric);

				appendStringInfoString(&buf, "the number ");
				append_clipped(&buf, text, strlen(text));
				break;
			}
		case jbvBool:
			appendStringInfoString(&buf, value->val.boolean ? "true" : "false");
			break;
		case jbvBinary:
			appendStringInfoString(&buf,
								   JsonContainerIsObject(value->val.binary.data)
								   ? "an object" : "an array");
			break;
		default:
			appendStringInfoString(&buf, "an unexpected JSON value");
			break;
	}
	return buf.data;
}

void
json_value_error(int sqlerrcode, const JsonPath *path, const char *expected,
				 const JsonbValue *got, const char *hint)
{
	ereport(ERROR,
			(errcode(sqlerrcode),
			 errmsg("invalid value at \"%s\": expected %s, got %s",
					json_path_string(path), expected, json_describe_value(got)),
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

void
json_unknown_key_error(const JsonPath *path, const char *accepted)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unrecognized key \"%s\" in history request",
					json_path_string(path)),
			 errdetail("The object at \"%s\" accepts: %s.",
					   json_path_string(path->parent), accepted)));
	pg_unreachable();
}

/* The top-level value of a jsonb datum (a bare scalar is unwrapped). */
void
json_root_value(Jsonb *jb, JsonbValue *out)
{
	if (JB_ROOT_IS_SCALAR(jb))
	{
		JsonbExtractScalar(&jb->root, out);
		return;
	}
	out->type = jbvBinary;
	out->val.binary.data = &jb->root;
	out->val.binary.len = VARSIZE(jb) - VARHDRSZ;
}

bool
json_is_object(const JsonbValue *value)
{
	return value->type == jbvBinary &&
		JsonContainerIsObject(value->val.binary.data);
}

bool
json_key_equals(const char *key, int keylen, const char *name)
{
	return (int) strlen(name) == keylen && memcmp(key, name, keylen) == 0;
}

/* The members of an object, in jsonb order (keys are unique). */
JsonField *
json_object_fields(const JsonbValue *object, int *nfields)
{
	JsonbContainer *container = object->val.binary.data;
	JsonbIterator *it = JsonbIteratorInit(container);
	JsonField  *fields = palloc(sizeof(JsonField) * Max(JsonContainerSize(container), 1));
	JsonbValue	v;
	JsonbIteratorToken token;
	int			n = 0;

	Assert(json_is_object(object));
	while ((token = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		CHECK_FOR_INTERRUPTS();
		if (token == WJB_KEY)
		{
			fields[n].key = v.val.string.val;
			fields[n].keylen = v.val.string.len;
		}
		else if (token == WJB_VALUE)
			fields[n++].value = v;
	}
	*nfields = n;
	return fields;
}

/* The elements of an array; anything else is an error naming `expected`. */
JsonbValue *
json_array_items(const JsonbValue *array, const JsonPath *path,
					const char *expected, int *nelems)
{
	JsonbContainer *container;
	JsonbIterator *it;
	JsonbValue *elems;
	JsonbValue	v;
	JsonbIteratorToken token;
	int			n = 0;

	if (array->type != jbvBinary || !JsonContainerIsArray(array->val.binary.data))
		json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, expected, array, NULL);

	container = array->val.binary.data;
	elems = palloc(sizeof(JsonbValue) * Max(JsonContainerSize(container), 1));
	it = JsonbIteratorInit(container);
	while ((token = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (token == WJB_ELEM)
		{
			CHECK_FOR_INTERRUPTS();
			elems[n++] = v;
		}
	}
	*nelems = n;
	return elems;
}
