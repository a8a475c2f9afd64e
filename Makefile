# flow_history: PGXS build.  `make && make install`, then `make installcheck`
# from this directory against a running server (README.md, "Install").

EXTENSION   = flow_history
MODULE_big  = flow_history
PGFILEDESC  = "flow_history - Prefect run history inside PostgreSQL"

OBJS = \
	src/flow_history.o \
	src/request.o \
	src/json_walk.o \
	src/lax_scalars.o \
	src/datetime_io.o \
	src/prefect_schema.o \
	src/state_types.o \
	src/filter_models.o \
	src/filter_compile.o \
	src/filter_compose.o \
	src/history_query.o \
	src/bucket_agg.o \
	src/history_output.o

DATA = $(wildcard flow_history--*.sql)

REGRESS = \
	setup \
	request \
	validation \
	intervals \
	estimates \
	filter_flow_runs \
	filter_flows \
	filter_task_runs \
	filter_deployments \
	filter_work_pools_queues \
	combinations \
	task_run_history \
	json_output \
	psql_overloads \
	explain \
	schema_resolution \
	security \
	hijack \
	versions \
	prefect_scenarios \
	catalog \
	parallel \
	infinite_interval
REGRESS_OPTS = --inputdir=. --outputdir=. --load-extension=pg_trgm

PG_CPPFLAGS = -Isrc
# -Wno-unused-parameter: the server headers (ilist.h, bufpage.h) trip it under -Wextra.
# No -Werror here: scripts/test.sh (and so CI) adds it with COPT=-Werror.
PG_CFLAGS   = -Wall -Wextra -Wno-unused-parameter

EXTRA_CLEAN = regression.diffs regression.out results

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
