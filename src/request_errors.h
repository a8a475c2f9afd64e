/*
 * request_errors.h
 *	  The machine-readable account of a request body's validation errors,
 *	  in the shape of Prefect's 422 items (pydantic's error list).
 *
 * Every site that rejects a body value calls request_error_note() next to
 * its ereport.  Outside flow_history_request_errors() nothing is recorded
 * and the call costs one test; inside it, the item (JSON path as a list,
 * pydantic's error type and message, the offending value) is kept so that
 * the caught ERROR can be turned into Prefect's form.
 */
#ifndef FLOW_HISTORY_REQUEST_ERRORS_H
#define FLOW_HISTORY_REQUEST_ERRORS_H

#include "postgres.h"
#include "utils/jsonb.h"

#include "json_walk.h"

/* The type of the interval check Prefect answers with {"detail": ...} */
#define HISTORY_INTERVAL_TOO_SHORT "history_interval_too_short"

/*
 * Record one item.  `input` may be NULL (JSON null, as pydantic's "missing");
 * `ctx_key`/`ctx_value` add pydantic's "ctx" object when ctx_key is not NULL
 * (ctx_value NULL gives an empty object, as pydantic's value_error).
 */
extern void request_error_note(const JsonPath *path, const char *type,
							   const char *msg, const JsonbValue *input,
							   const char *ctx_key, const char *ctx_value);

#endif
