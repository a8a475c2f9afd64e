/*
 * filter_compile.c
 *	  Filter JSON to a parameterised SQL condition, driven by filter_models.c.
 *
 * Each object yields a Clause the way Prefect's as_sql_filter() does: the
 * conditions of its present keys, in declaration order, combined with its
 * combinator ("operator"); TRUE when there are none.  Every user value
 * becomes an SPI parameter; the SQL text holds only the templates of
 * filter_models.c, table
 * names resolved by prefect_schema.c and $n references.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "datetime_io.h"
#include "filter_compile.h"
#include "lax_scalars.h"
#include "state_types.h"

/* A validated operator value, not yet bound */
typedef struct OperatorValue
{
	Oid			type;
	Datum		datum;
	bool		empty;			/* [] or "" */
	bool		flag;			/* FV_BOOL */
	const char **labels;		/* FV_STATE_TYPE_LIST, typed when bound */
	int			nlabels;
} OperatorValue;

int
query_param_add(QueryParams *params, Oid type, Datum value, const char *label)
{
	if (params->count == params->capacity)
	{
		params->capacity = Max(16, params->capacity * 2);
		if (params->types == NULL)
		{
			params->types = palloc(sizeof(Oid) * params->capacity);
			params->values = palloc(sizeof(Datum) * params->capacity);
			params->labels = palloc(sizeof(char *) * params->capacity);
		}
		else
		{
			params->types = repalloc(params->types, sizeof(Oid) * params->capacity);
			params->values = repalloc(params->values, sizeof(Datum) * params->capacity);
			params->labels = repalloc(params->labels, sizeof(char *) * params->capacity);
		}
	}
	params->types[params->count] = type;
	params->values[params->count] = value;
	params->labels[params->count] = label;
	return ++params->count;
}

char *
expand_sql_template(FilterCompiler *fc, PrefectTable table, const char *tmpl,
					const char *column, int param)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (const char *p = tmpl; *p != '\0'; p++)
	{
		const char *end;
		int			len;
		PrefectTable named;

		if (*p != '{')
		{
			appendStringInfoChar(&buf, *p);
			continue;
		}
		end = strchr(p, '}');
		Assert(end != NULL);
		len = end - p - 1;
		if (len == 3 && strncmp(p + 1, "col", 3) == 0)
			appendStringInfoString(&buf, column);
		else if (len == 5 && strncmp(p + 1, "param", 5) == 0)
			appendStringInfo(&buf, "$%d", param);
		else if (prefect_table_from_sql_name(p + 1, len, &named))
			appendStringInfoString(&buf, prefect_table_name(fc->tables, named));
		else
			elog(ERROR, "unknown placeholder in SQL template \"%s\"", tmpl);
		p = end;
	}
	return buf.data;
}

static ArrayType *
text_array(Datum *elems, int n)
{
	return construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
}

static Datum
pattern_text(const char *s, FilterPattern pattern)
{
	switch (pattern)
	{
		case PATTERN_CONTAINS:
			return CStringGetTextDatum(psprintf("%%%s%%", s));
		case PATTERN_PREFIX:
			return CStringGetTextDatum(psprintf("%s%%", s));
		case PATTERN_NONE:
			break;
	}
	return CStringGetTextDatum(s);
}

static const char *
state_type_label(const JsonbValue *elem, const JsonPath *path)
{
	char	   *label = json_string(elem, path);

	if (is_prefect_state_type(label))
		return label;
	json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, "a state type", elem,
					 prefect_state_types_hint());
}

static const char *
list_expectation(FilterValueKind kind)
{
	switch (kind)
	{
		case FV_UUID_LIST:
		case FV_UUID_TEXT_LIST:
			return "an array of UUIDs";
		case FV_STATE_TYPE_LIST:
			return "an array of state types";
		default:
			return "an array of strings";
	}
}

/* Validate a list operator and build its array value. */
static OperatorValue
read_list(const FilterOperator *op, const JsonbValue *value, const JsonPath *path)
{
	OperatorValue result = {0};
	int			n;
	JsonbValue *elems = json_array_items(value, path, list_expectation(op->value), &n);
	Datum	   *datums = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
	{
		JsonPath	elem_path = json_path_index(path, i);
		pg_uuid_t  *uuid;

		CHECK_FOR_INTERRUPTS();
		switch (op->value)
		{
			case FV_UUID_LIST:
				uuid = palloc(sizeof(pg_uuid_t));
				json_uuid(&elems[i], &elem_path, uuid);
				datums[i] = UUIDPGetDatum(uuid);
				break;
			case FV_UUID_TEXT_LIST:
				uuid = palloc(sizeof(pg_uuid_t));
				json_uuid(&elems[i], &elem_path, uuid);
				datums[i] = CStringGetTextDatum(uuid_lower_text(uuid));
				break;
			case FV_STATE_TYPE_LIST:
				datums[i] = CStringGetDatum(state_type_label(&elems[i], &elem_path));
				break;
			default:
				datums[i] = pattern_text(json_string(&elems[i], &elem_path), op->pattern);
				break;
		}
	}
	result.empty = (n == 0);
	if (op->value == FV_STATE_TYPE_LIST)
	{
		result.labels = (const char **) datums;
		result.nlabels = n;
	}
	else if (op->value == FV_UUID_LIST)
	{
		result.type = UUIDARRAYOID;
		result.datum = PointerGetDatum(construct_array(datums, n, UUIDOID, UUID_LEN,
													   false, TYPALIGN_CHAR));
	}
	else
	{
		result.type = TEXTARRAYOID;
		result.datum = PointerGetDatum(text_array(datums, n));
	}
	return result;
}

static OperatorValue
read_operator_value(const FilterOperator *op, const JsonbValue *value, const JsonPath *path)
{
	OperatorValue result = {0};

	switch (op->value)
	{
		case FV_UUID_LIST:
		case FV_UUID_TEXT_LIST:
		case FV_TEXT_LIST:
		case FV_STATE_TYPE_LIST:
			return read_list(op, value, path);
		case FV_STRING:
			{
				char	   *s = json_string(value, path);

				result.type = TEXTOID;
				result.datum = pattern_text(s, op->pattern);
				result.empty = (s[0] == '\0');
				break;
			}
		case FV_DATETIME:
			result.type = TIMESTAMPTZOID;
			result.datum = TimestampTzGetDatum(json_datetime(value, path));
			break;
		case FV_BOOL:
			result.flag = json_bool(value, path);
			break;
		case FV_INT:
			json_check_int(value, path);
			break;
	}
	return result;
}

static Clause
sql_clause(char *sql)
{
	Clause		c = {CLAUSE_SQL, true, sql};

	return c;
}

/*
 * State types as an array of the state_type column's own type (Prefect's
 * enum), so that the planner folds and estimates "state_type = ANY($n)".
 */
static void
type_state_labels(FilterCompiler *fc, PrefectTable table, OperatorValue *value)
{
	Oid			element = run_table_state_type(fc->tables, table);
	Oid			input;
	Oid			ioparam;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *datums = palloc(sizeof(Datum) * Max(value->nlabels, 1));

	getTypeInputInfo(element, &input, &ioparam);
	get_typlenbyvalalign(element, &typlen, &typbyval, &typalign);
	for (int i = 0; i < value->nlabels; i++)
		datums[i] = OidInputFunctionCall(input, (char *) value->labels[i], ioparam, -1);
	value->type = get_array_type(element);
	value->datum = PointerGetDatum(construct_array(datums, value->nlabels, element,
												   typlen, typbyval, typalign));
}

/* The condition one operator key adds to its field. */
static Clause
bind_operator(FilterCompiler *fc, PrefectTable table, const FilterField *field,
			 const FilterOperator *op, OperatorValue *value, const JsonPath *path)
{
	Clause		none = {.kind = CLAUSE_NONE};
	int			param;

	if (op->ignored)
		return none;
	if (op->value == FV_BOOL)
		return sql_clause(expand_sql_template(fc, table,
											  value->flag ? op->sql : op->sql_if_false,
											  field->column, 0));
	if (value->empty && op->on_empty != EMPTY_BINDS)
	{
		Clause		vanish = {.kind = CLAUSE_VANISH};

		return op->on_empty == EMPTY_VANISHES ? vanish : none;
	}
	if (op->value == FV_STATE_TYPE_LIST)
		type_state_labels(fc, table, value);
	param = query_param_add(fc->params, value->type, value->datum, json_path_string(path));
	return sql_clause(expand_sql_template(fc, table, op->sql, field->column, param));
}

/* sa.and_() / sa.or_() over the conditions of one object */
static Clause
combine_clauses(const Clause *items, int n, bool use_or)
{
	Clause		result = {.kind = CLAUSE_TRUE};
	StringInfoData buf;
	int			nsql = 0;
	int			nvanish = 0;
	bool		any_true = false;
	const Clause *last_sql = NULL;

	for (int i = 0; i < n; i++)
	{
		if (items[i].kind == CLAUSE_VANISH)
			nvanish++;
		else if (items[i].kind == CLAUSE_TRUE)
			any_true = true;
		else if (items[i].kind == CLAUSE_SQL)
		{
			nsql++;
			last_sql = &items[i];
		}
	}
	if (n > 0 && nvanish == n)
	{
		result.kind = CLAUSE_VANISH;
		return result;
	}
	if ((use_or && any_true) || nsql == 0)
		return result;
	if (nsql == 1)
		return *last_sql;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	nsql = 0;
	for (int i = 0; i < n; i++)
	{
		if (items[i].kind != CLAUSE_SQL)
			continue;
		if (nsql++ > 0)
			appendStringInfoString(&buf, use_or ? " OR " : " AND ");
		appendStringInfoString(&buf, items[i].sql);
	}
	appendStringInfoChar(&buf, ')');
	result.kind = CLAUSE_SQL;
	result.single = false;
	result.sql = buf.data;
	return result;
}

static const JsonField *
find_member(const JsonField *members, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (json_key_equals(members[i].key, members[i].keylen, key))
			return &members[i];
	return NULL;
}

static bool
field_accepts(const FilterField *field, const char *key, int keylen)
{
	if (field->has_combinator && json_key_equals(key, keylen, "operator"))
		return true;
	if (field->children)
		for (const FilterField *c = field->children; c->key; c++)
			if (json_key_equals(key, keylen, c->key))
				return true;
	if (field->operators)
		for (const FilterOperator *o = field->operators; o->key; o++)
			if (json_key_equals(key, keylen, o->key))
				return true;
	return false;
}

static char *
accepted_keys(const FilterField *field)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (field->has_combinator)
		appendStringInfoString(&buf, "operator");
	if (field->children)
		for (const FilterField *c = field->children; c->key; c++)
			appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", c->key);
	if (field->operators)
		for (const FilterOperator *o = field->operators; o->key; o++)
			appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", o->key);
	return buf.data;
}

/* "operator": "and_" (the default) or "or_" */
static bool
read_combinator_is_or(const JsonField *member, const JsonPath *path)
{
	JsonPath	op_path = json_path_key(path, member->key, member->keylen);
	const JsonbValue *v = &member->value;

	if (v->type == jbvNull)
		return false;
	if (v->type == jbvString && json_key_equals(v->val.string.val, v->val.string.len, "and_"))
		return false;
	if (v->type == jbvString && json_key_equals(v->val.string.val, v->val.string.len, "or_"))
		return true;
	json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, &op_path, "\"and_\" or \"or_\"", v, NULL);
}

/*
 * task_runs.flow_run_id: is_null_ defaults to false, so the object means
 * "flow_run_id IS NOT NULL" unless it lists ids or explicitly sets null.
 */
static Clause
compile_flow_run_id(FilterCompiler *fc, PrefectTable table, const FilterField *field,
					const JsonField *members, int nmembers, const JsonPath *path)
{
	const FilterOperator *any_op = &field->operators[0];
	const FilterOperator *is_null_op = &field->operators[1];
	const JsonField *any_m = find_member(members, nmembers, any_op->key);
	const JsonField *null_m = find_member(members, nmembers, is_null_op->key);
	OperatorValue any_value = {0};
	bool		has_any = (any_m != NULL && any_m->value.type != jbvNull);
	bool		is_null_set = (null_m == NULL || null_m->value.type != jbvNull);
	bool		is_null = false;
	JsonPath	any_path = json_path_key(path, any_op->key, strlen(any_op->key));
	Clause		no_condition = {.kind = CLAUSE_TRUE};

	Assert(strcmp(any_op->key, "any_") == 0 && strcmp(is_null_op->key, "is_null_") == 0);
	if (has_any)
		any_value = read_operator_value(any_op, &any_m->value, &any_path);
	if (null_m != NULL && null_m->value.type != jbvNull)
	{
		JsonPath	null_path = json_path_key(path, null_m->key, null_m->keylen);

		is_null = json_bool(&null_m->value, &null_path);
	}

	if (is_null_set && is_null)
		return sql_clause(expand_sql_template(fc, table, is_null_op->sql, field->column, 0));
	if (is_null_set && !has_any)
		return sql_clause(expand_sql_template(fc, table, is_null_op->sql_if_false, field->column, 0));
	if (has_any)
		return bind_operator(fc, table, field, any_op, &any_value, &any_path);
	return no_condition;
}

/*
 * The clause of one object of the filter language; with a shape, which of
 * its children are set (and, through operators_set, which of their
 * operators have non-empty values).
 */
static Clause
compile_field(FilterCompiler *fc, PrefectTable table, const FilterField *field,
			  const JsonbValue *object, const JsonPath *path,
			  FilterShape *shape, uint32 *operators_set)
{
	int			nmembers;
	JsonField  *members = json_object_fields(object, &nmembers);
	Clause	   *items;
	int			nitems = 0;
	bool		use_or = false;
	Clause		none = {.kind = CLAUSE_NONE};

	/* Prefect forbids unknown keys in every filter object */
	for (int i = 0; i < nmembers; i++)
	{
		if (!field_accepts(field, members[i].key, members[i].keylen))
		{
			JsonPath	key_path = json_path_key(path, members[i].key, members[i].keylen);

			json_unknown_key_error(&key_path, accepted_keys(field));
		}
		if (json_key_equals(members[i].key, members[i].keylen, "operator"))
			use_or = read_combinator_is_or(&members[i], path);
	}

	if (field->flags & FIELD_FLOW_RUN_ID)
		return compile_flow_run_id(fc, table, field, members, nmembers, path);

	items = palloc(sizeof(Clause) * (nmembers + 1));
	if (field->children)
	{
		for (int i = 0; field->children[i].key; i++)
		{
			const FilterField *child = &field->children[i];
			const JsonField *m = find_member(members, nmembers, child->key);
			JsonPath	child_path;
			int			params_before = fc->params->count;
			Clause		c;

			if (m == NULL || m->value.type == jbvNull)
				continue;
			child_path = json_path_key(path, m->key, m->keylen);
			if (!json_is_object(&m->value))
				json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, &child_path,
								 "an object", &m->value, NULL);
			if (shape)
			{
				Assert(i < FILTER_SHAPE_MAX_FIELDS);
				shape->fields_set |= (uint32) 1 << i;
			}
			c = compile_field(fc, table, child, &m->value, &child_path, NULL,
							  shape ? &shape->operators_set[i] : NULL);
			/* Prefect's state filters keep a child only if it is one comparison */
			if ((field->flags & FIELD_KEEP_SINGLE_CHILDREN) &&
				!(c.kind == CLAUSE_SQL && c.single))
			{
				/* validated, but its values are not part of the query */
				fc->params->count = params_before;
				continue;
			}
			if (c.kind != CLAUSE_NONE)
				items[nitems++] = c;
		}
	}
	else
	{
		for (int i = 0; field->operators[i].key; i++)
		{
			const FilterOperator *op = &field->operators[i];
			const JsonField *m = find_member(members, nmembers, op->key);
			JsonPath	op_path;
			OperatorValue value;
			Clause		c;

			if (m == NULL || m->value.type == jbvNull)
				continue;
			op_path = json_path_key(path, m->key, m->keylen);
			value = read_operator_value(op, &m->value, &op_path);
			if (operators_set && !value.empty)
				*operators_set |= (uint32) 1 << i;
			c = bind_operator(fc, table, field, op, &value, &op_path);
			if (c.kind != CLAUSE_NONE)
				items[nitems++] = c;
		}
	}

	if (field->flags & FIELD_IGNORED)
		return none;
	return combine_clauses(items, nitems, use_or);
}

Clause
compile_filter(FilterCompiler *fc, FilterObject object_id, const JsonbValue *object,
			   FilterShape *shape)
{
	const FilterModel *model = &filter_models[object_id];
	JsonPath	path = json_path_key(NULL, model->key, strlen(model->key));

	Assert(json_is_object(object));
	if (shape)
		memset(shape, 0, sizeof(FilterShape));
	return compile_field(fc, model->table, model->root, object, &path, shape, NULL);
}
