/*
 * request_errors.c
 *	  flow_history_request_errors(request jsonb, run_type text): the
 *	  validation errors of a body as Prefect lists them in a 422, so that an
 *	  API server can answer as Prefect does without reading error text.
 *
 * The function validates the body exactly as the history functions do
 * (parse_history_request, then compile_history, which compiles the
 * filters and checks the window; nothing is run) inside an internal
 * subtransaction, as PL/pgSQL's exception blocks do.  The ERROR raised by
 * the first invalid value is caught; the sites that raise validation
 * errors have recorded their item with request_error_note() just before.
 * An ERROR without a recorded item is not a validation error (a missing
 * table, a privilege, a cancel, an interval Prefect fails on with 500):
 * it is raised again unchanged.
 *
 * Prefect reports every invalid value of a body; the extension stops at
 * the first, so the list holds one item, except where one check finds
 * several (missing keys, a body that is not an object).
 */
#include "postgres.h"

#include "access/xact.h"
#include "fmgr.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/resowner.h"

#include "flow_history.h"
#include "request_errors.h"

/* One step of an item's "loc": an object key, or an array index (key NULL) */
typedef struct LocStep
{
	char	   *key;
	int			keylen;
	int			index;
} LocStep;

typedef struct RecordedError
{
	char	   *type;
	char	   *msg;
	LocStep    *loc;
	int			nloc;
	bool		has_input;
	JsonbValue	input;
	char	   *ctx_key;
	char	   *ctx_value;
} RecordedError;

/* Set only while flow_history_request_errors() validates a body */
static MemoryContext recording_context = NULL;
static List *recorded_errors = NIL;

void
request_error_note(const JsonPath *path, const char *type, const char *msg,
				   const JsonbValue *input, const char *ctx_key, const char *ctx_value)
{
	MemoryContext old;
	RecordedError *item;
	int			depth = 0;

	if (recording_context == NULL)
		return;

	old = MemoryContextSwitchTo(recording_context);
	item = palloc0(sizeof(RecordedError));
	item->type = pstrdup(type);
	item->msg = pstrdup(msg);
	for (const JsonPath *p = path; p != NULL; p = p->parent)
		depth++;
	item->nloc = depth;
	item->loc = palloc(sizeof(LocStep) * Max(depth, 1));
	for (const JsonPath *p = path; p != NULL; p = p->parent)
	{
		LocStep    *step = &item->loc[--depth];

		step->key = p->key ? pnstrdup(p->key, p->keylen) : NULL;
		step->keylen = p->keylen;
		step->index = p->index;
	}
	/* the body is detoasted in the caller's context: its containers outlive the subtransaction */
	if (input != NULL)
	{
		item->has_input = true;
		item->input = *input;
		if (input->type == jbvString)
			item->input.val.string.val = pnstrdup(input->val.string.val, input->val.string.len);
	}
	if (ctx_key != NULL)
	{
		item->ctx_key = pstrdup(ctx_key);
		item->ctx_value = ctx_value ? pstrdup(ctx_value) : NULL;
	}
	recorded_errors = lappend(recorded_errors, item);
	MemoryContextSwitchTo(old);
}

static void
push_string(JsonbParseState **state, JsonbIteratorToken token, const char *s, int len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = len;
	pushJsonbValue(state, token, &v);
}

static void
push_cstring_member(JsonbParseState **state, const char *key, const char *value)
{
	push_string(state, WJB_KEY, key, strlen(key));
	push_string(state, WJB_VALUE, value, strlen(value));
}

static void
push_null(JsonbParseState **state, JsonbIteratorToken token)
{
	JsonbValue	v;

	v.type = jbvNull;
	pushJsonbValue(state, token, &v);
}

static void
push_item(JsonbParseState **state, const RecordedError *item)
{
	pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
	push_cstring_member(state, "type", item->type);

	push_string(state, WJB_KEY, "loc", 3);
	pushJsonbValue(state, WJB_BEGIN_ARRAY, NULL);
	push_string(state, WJB_ELEM, "body", 4);
	for (int i = 0; i < item->nloc; i++)
	{
		const LocStep *step = &item->loc[i];

		if (step->key != NULL)
			push_string(state, WJB_ELEM, step->key, step->keylen);
		else
		{
			JsonbValue	v;

			v.type = jbvNumeric;
			v.val.numeric = DatumGetNumeric(DirectFunctionCall1(int4_numeric,
																Int32GetDatum(step->index)));
			pushJsonbValue(state, WJB_ELEM, &v);
		}
	}
	pushJsonbValue(state, WJB_END_ARRAY, NULL);

	push_cstring_member(state, "msg", item->msg);
	push_string(state, WJB_KEY, "input", 5);
	if (item->has_input)
	{
		JsonbValue	input = item->input;

		pushJsonbValue(state, WJB_VALUE, &input);
	}
	else
		push_null(state, WJB_VALUE);

	if (item->ctx_key != NULL)
	{
		push_string(state, WJB_KEY, "ctx", 3);
		pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
		push_string(state, WJB_KEY, item->ctx_key, strlen(item->ctx_key));
		if (item->ctx_value != NULL)
			push_string(state, WJB_VALUE, item->ctx_value, strlen(item->ctx_value));
		else
		{
			pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
			pushJsonbValue(state, WJB_END_OBJECT, NULL);
		}
		pushJsonbValue(state, WJB_END_OBJECT, NULL);
	}
	pushJsonbValue(state, WJB_END_OBJECT, NULL);
}

static Jsonb *
recorded_errors_jsonb(List *errors)
{
	JsonbParseState *state = NULL;
	JsonbValue *result;
	ListCell   *lc;

	pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	foreach(lc, errors)
		push_item(&state, (RecordedError *) lfirst(lc));
	result = pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	return JsonbValueToJsonb(result);
}

PG_FUNCTION_INFO_V1(flow_history_request_errors);

Datum
flow_history_request_errors(PG_FUNCTION_ARGS)
{
	Jsonb	   *body = PG_GETARG_JSONB_P(0);
	RunKind		kind = run_kind_from_name(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	Oid			extension_namespace = get_func_namespace(fcinfo->flinfo->fn_oid);
	MemoryContext caller_context = CurrentMemoryContext;
	ResourceOwner caller_owner = CurrentResourceOwner;
	List	   *errors;

	recorded_errors = NIL;
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(caller_context);
	PG_TRY();
	{
		HistoryRequest req;
		HistoryQuery query;

		/* reset on every way out: the catch block sees every error */
		recording_context = caller_context;
		parse_history_request(body, kind, &req);
		compile_history(&req, &query, extension_namespace);

		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller_context);
		CurrentResourceOwner = caller_owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(caller_context);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(caller_context);
		CurrentResourceOwner = caller_owner;
		recording_context = NULL;
		/* not a validation error: the caller sees it as the history call would */
		if (recorded_errors == NIL)
			ReThrowError(edata);
		FreeErrorData(edata);
	}
	PG_END_TRY();

	recording_context = NULL;
	errors = recorded_errors;
	recorded_errors = NIL;
	PG_RETURN_JSONB_P(recorded_errors_jsonb(errors));
}
