#!/usr/bin/env bash
# The benchmark: flow_history against Prefect's query and the floor, on
# Prefect-shaped data (test/fixtures/generate_data.sql), in a throwaway
# PostgreSQL 15 tuned like a modest production server.  Prints a Markdown
# table of medians and ratios (bench/bench.py).  Not part of the test suite.
#
#   sudo bench/run.sh                 # 1M flow runs (2.5M task runs), scenarios S1-S8
#   sudo bench/run.sh --scaling       # also 10M flow runs: S3 at 1M and 10M (S9)
#   sudo bench/run.sh --runs 31       # more timed rounds per measurement
#
# Data: 200 flows, 400 deployments, 5 pools, 20 queues, 60 days of history,
# in-flight states at 3% of the generator's default share (a calm server),
# flow_run and task_run clustered on expected_start_time (rows land in the
# order their runs are scheduled, as in a real Prefect database).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

RUNS=15
SCALING=0
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --scaling) SCALING=1; shift ;;
        *) echo "usage: $0 [--runs N] [--scaling]" >&2; exit 2 ;;
    esac
done

CLUSTER_OPTIONS="-c shared_buffers=4GB -c effective_cache_size=16GB -c work_mem=64MB \
    -c maintenance_work_mem=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min \
    -c max_parallel_workers_per_gather=2 -c autovacuum=off"
install_dependencies
build_and_install
start_cluster

load_database() {
    local db=$1 flow_runs=$2 task_runs_per_flow_run=$3
    log "generating $db: $flow_runs flow runs"
    create_prefect_database "$db"
    psql_quiet -d "$db" -v flow_runs="$flow_runs" -v task_runs_per_flow_run="$task_runs_per_flow_run" \
        -v in_flight_share=0.03 -f "$REPO/test/fixtures/generate_data.sql" >/dev/null
    psql_quiet -d "$db" -c "CLUSTER flow_run USING ix_flow_run__expected_start_time_desc" \
        -c "CLUSTER task_run USING ix_task_run__expected_start_time_desc" -c "VACUUM ANALYZE"
    psql_quiet -d "$db" -c "SET client_min_messages = warning" -f "$REPO/test/oracle/reference.sql"
}

load_database bench_1m 1000000 2.5
"$PG_BIN/psql" -X -At -c "SELECT version()"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "### 1M flow runs"
"$PYTHON" "$REPO/bench/bench.py" --dsn "dbname=bench_1m" --runs "$RUNS"

if [ "$SCALING" = 1 ]; then
    load_database bench_10m 10000000 0.25
    echo
    echo "### S9: S3 at 1M and at 10M flow runs"
    "$PYTHON" "$REPO/bench/bench.py" --dsn "dbname=bench_1m" --runs "$RUNS" --only S3 --skip-prefect
    "$PYTHON" "$REPO/bench/bench.py" --dsn "dbname=bench_10m" --runs "$RUNS" --only S3 --skip-prefect
fi
