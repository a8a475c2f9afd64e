/*
 * compat.h
 *	  Shims for the PostgreSQL server API differences between 13 and 17.
 */
#ifndef FLOW_HISTORY_COMPAT_H
#define FLOW_HISTORY_COMPAT_H

#include "postgres.h"
#include "fmgr.h"
#include "funcapi.h"

/* Materialize-mode SRF set-up: InitMaterializedSRF since 15.1 */
#if PG_VERSION_NUM >= 150001
#define fh_init_materialized_srf(fcinfo) InitMaterializedSRF((fcinfo), 0)
#elif PG_VERSION_NUM >= 150000
#define fh_init_materialized_srf(fcinfo) SetSingleFuncCall((fcinfo), 0)
#else
extern void fh_init_materialized_srf(FunctionCallInfo fcinfo);
#endif

/* GUC prefix reservation was renamed in 15 */
#if PG_VERSION_NUM >= 150000
#define fh_reserve_guc_prefix(prefix) MarkGUCPrefixReserved(prefix)
#else
#define fh_reserve_guc_prefix(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#endif
