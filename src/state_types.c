/*
 * state_types.c
 *	  Prefect's state types, in one place.
 *
 * A request may name Prefect's nine StateType members, which are also the
 * labels of Prefect's state_type enum.  The aggregate receives a run's
 * state type as an int8 key rather than as the enum itself: an argument
 * of type anyenum could be beaten by an overload on the column's own type,
 * and the key costs one hash of the enum's OID per row where a cast to
 * text would cost a catalog lookup.  The state_type column of each run
 * table is found here too.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_enum.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
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

/* "State types are SCHEDULED, PENDING, ... and CANCELLING." */
const char *
prefect_state_types_hint(void)
{
	StringInfoData buf;
	int			n = lengthof(prefect_state_types);

	initStringInfo(&buf);
	appendStringInfoString(&buf, "State types are ");
	for (int i = 0; i < n; i++)
		appendStringInfo(&buf, "%s%s", i == 0 ? "" : (i == n - 1 ? " and " : ", "),
						 prefect_state_types[i]);
	appendStringInfoChar(&buf, '.');
	return buf.data;
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

static int
compare_int64(const void *a, const void *b, void *arg)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* No two of the n keys are equal (sorted on a copy, so any n is cheap) */
bool
state_type_keys_distinct(const int64 *keys, int n)
{
	int64	   *sorted = palloc_extended(sizeof(int64) * Max(n, 1), MCXT_ALLOC_HUGE);
	bool		distinct = true;

	memcpy(sorted, keys, sizeof(int64) * n);
	qsort_interruptible(sorted, n, sizeof(int64), compare_int64, NULL);
	for (int i = 1; i < n && distinct; i++)
		distinct = sorted[i - 1] != sorted[i];
	pfree(sorted);
	return distinct;
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
	for (int i = 0; i < n; i++)
		out->labels[i] = members[i].label;
	for (out->seed = 0;; out->seed++)
	{
		for (int i = 0; i < n; i++)
		{
			CHECK_FOR_INTERRUPTS();
			out->keys[i] = enum_key(members[i].oid, out->seed);
		}
		if (state_type_keys_distinct(out->keys, n))
			break;
	}
}

/*
 * The type of a run table's state_type column: Prefect's enum state_type,
 * which must be an enum for its labels to be read.
 */
Oid
run_table_state_type(PrefectTables *tables, PrefectTable table)
{
	if (!OidIsValid(tables->state_type_oid[table]))
	{
		Oid			relid = prefect_table_relid(tables, table);
		AttrNumber	attnum = get_attnum(relid, "state_type");
		Oid			type;

		if (attnum == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"state_type\" of relation %s does not exist",
							tables->qualified_name[table])));
		type = get_atttype(relid, attnum);
		if (!type_is_enum(type))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"state_type\" of relation %s must be an enum, not %s",
							tables->qualified_name[table], format_type_be(type))));
		tables->state_type_oid[table] = type;
	}
	return tables->state_type_oid[table];
}
