/*
 * filter_compile.h
 *	  Translation of a filter object's JSON into a parameterised SQL
 *	  condition, driven by the tables of filter_models.c.
 */
#ifndef FLOW_HISTORY_FILTER_COMPILE_H
#define FLOW_HISTORY_FILTER_COMPILE_H

#include "postgres.h"

#include "filter_models.h"
#include "json_walk.h"
#include "prefect_schema.h"

/* The SPI parameters of one query; labels say where each value came from */
typedef struct QueryParams
{
	int			count;
	int			capacity;
	Oid		   *types;
	Datum	   *values;
	const char **labels;
} QueryParams;

/*
 * What a filter object yields, mirroring SQLAlchemy: nothing at all (an
 * absent or deprecated key), TRUE (an object with no conditions), a clause
 * that vanishes from its parent (an empty OR), or SQL.  `single` marks one
 * comparison, the only kind Prefect's state filters keep.
 */
typedef enum ClauseKind
{
	CLAUSE_NONE,
	CLAUSE_TRUE,
	CLAUSE_VANISH,
	CLAUSE_SQL
} ClauseKind;

typedef struct Clause
{
	ClauseKind	kind;
	bool		single;
	char	   *sql;
} Clause;

typedef struct FilterCompiler
{
	QueryParams *params;
	PrefectTables *tables;
} FilterCompiler;

extern int	query_param_add(QueryParams *params, Oid type, Datum value,
							const char *label);
extern char *expand_sql_template(FilterCompiler *fc, PrefectTable table,
								 const char *tmpl, const char *column,
								 int param);
/*
 * Which fields of a filter object are set and which of their operators have
 * a non-empty value (bit i: the i-th child or operator in filter_models.c):
 * what Prefect's short cuts look at.
 */
#define FILTER_SHAPE_MAX_FIELDS 32

typedef struct FilterShape
{
	uint32		fields_set;
	uint32		operators_set[FILTER_SHAPE_MAX_FIELDS];
} FilterShape;

extern Clause compile_filter(FilterCompiler *fc, FilterObject object_id,
							 const JsonbValue *object, FilterShape *shape);

#endif
