/*
 * compat.h
 *	  Shims for the PostgreSQL server API differences between the versions
 *	  flow_history is tested on (15, 17 and 18).
 */
#ifndef FLOW_HISTORY_COMPAT_H
#define FLOW_HISTORY_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150001
#error "flow_history needs PostgreSQL 15.1 or later"
#endif

/*
 * PostgreSQL 18 replaced the postfix pg_attribute_noreturn() by the prefix
 * pg_noreturn; before 18 the attribute also works as a prefix.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif
