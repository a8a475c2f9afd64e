/*
 * state_types.c
 *	  Prefect's state types, in one place.
 *
 * A request may name Prefect's nine StateType members, which are also the
 * labels of Prefect's state_type enum.  The aggregate receives a run's
 * state type as an int8 key rather than as the enum itself: an argument
 * of type anyenum could be beaten by an overload on the column's own type,
 * and the key costs one hash of the enum's OID per row where a cast to
 * text would cost a catalog lookup.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/catcache.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "state_types.h"

static const char *const prefect_state_types[] = {
	"SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED",
	"CANCELLED", "CRASHED", "PAUSED", "CANCELLING"
};

/* Prefect's TERMINAL_STATES: their estimates no longer change */
static const char *const terminal_state_types[] = {
	"COMPLETED", "CANCELLED", "FAILED", "CRASHED"
};

bool
is_prefect_state_type(const char *label)
{
	for (int i = 0; i < (int) lengthof(prefect_state_types); i++)
		if (strcmp(label, prefect_state_types[i]) == 0)
			return true;
	return false;
}

const char *
prefect_state_types_hint(void)
{
	return "State types are SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, "
		"CANCELLED, CRASHED, PAUSED and CANCELLING.";
}

StateKind
state_type_kind(const char *label)
{
	if (label == NULL)
		return STATE_KIND_NULL;
	if (strcmp(label, "RUNNING") == 0)
		return STATE_KIND_RUNNING;
	for (int i = 0; i < (int) lengthof(terminal_state_types); i++)
		if (strcmp(label, terminal_state_types[i]) == 0)
			return STATE_KIND_TERMINAL;
	return STATE_KIND_OTHER;
}

typedef struct EnumMember
{
	Oid			oid;
	float4		sort_order;
	char	   *label;
} EnumMember;

static int
compare_enum_members(const void *a, const void *b)
{
	float4		x = ((const EnumMember *) a)->sort_order;
	float4		y = ((const EnumMember *) b)->sort_order;

	return (x > y) - (x < y);
}

static int64
enum_key(Oid member, int64 seed)
{
	return DatumGetInt64(DirectFunctionCall2(hashenumextended, ObjectIdGetDatum(member),
											 Int64GetDatum(seed)));
}

void
read_state_type_keys(Oid enum_type, StateTypeKeys *out)
{
	CatCList   *list = SearchSysCacheList1(ENUMTYPOIDNAME, ObjectIdGetDatum(enum_type));
	EnumMember *members = palloc(sizeof(EnumMember) * Max(list->n_members, 1));
	int			n = list->n_members;

	for (int i = 0; i < n; i++)
	{
		HeapTuple	tuple = &list->members[i]->tuple;
		Form_pg_enum en = (Form_pg_enum) GETSTRUCT(tuple);

		members[i].oid = en->oid;
		members[i].sort_order = en->enumsortorder;
		members[i].label = pstrdup(NameStr(en->enumlabel));
	}
	ReleaseSysCacheList(list);
	qsort(members, n, sizeof(EnumMember), compare_enum_members);

	out->nlabels = n;
	out->keys = palloc(sizeof(int64) * Max(n, 1));
	out->labels = palloc(sizeof(char *) * Max(n, 1));
	for (out->seed = 0;; out->seed++)
	{
		bool		distinct = true;

		CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < n && distinct; i++)
		{
			out->keys[i] = enum_key(members[i].oid, out->seed);
			out->labels[i] = members[i].label;
			for (int j = 0; j < i; j++)
				distinct &= out->keys[j] != out->keys[i];
		}
		if (distinct)
			break;
	}
}
