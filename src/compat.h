/*
 * compat.h
 *	  Shims for the PostgreSQL server API differences between the supported versions.
 */
#ifndef FLOW_HISTORY_COMPAT_H
#define FLOW_HISTORY_COMPAT_H

#include "postgres.h"
#include "fmgr.h"
#include "funcapi.h"

/* Materialize-mode SRF set-up: InitMaterializedSRF since 15.1 */
#if PG_VERSION_NUM >= 150001
#define fh_init_materialized_srf(fcinfo) InitMaterializedSRF((fcinfo), 0)
#else
#define fh_init_materialized_srf(fcinfo) SetSingleFuncCall((fcinfo), 0)
#endif

/* PostgreSQL 18 marks functions that do not return with a prefix */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif
