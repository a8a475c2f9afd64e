#!/usr/bin/env bash
# The Prefect integration over HTTP next to the same call in psql (http_bench.py):
# 1M Prefect-shaped flow runs, the 24 h x 288-interval request, 8 clients, 30 s
# each.  Not part of the test suite.  Results: bench/HTTP.md.
#
#   sudo bench/http.sh
#   PG_BIN=/private/usr/lib/postgresql/15/bin bench/http.sh   # flow_history already installed there
CALLER_PG_BIN=${PG_BIN:-}
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
PG_BIN=${CALLER_PG_BIN:-$PG_BIN}

CLUSTER_OPTIONS="-c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=512MB \
    -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_parallel_workers_per_gather=2 \
    -c autovacuum=off -c max_connections=50"
install_dependencies python3-asyncpg python3-uvicorn apache2-utils
[ -n "$CALLER_PG_BIN" ] || build_and_install
start_cluster

log "generating 1M flow runs"
create_prefect_database bench_http
psql_quiet -d bench_http -v flow_runs=1000000 -v task_runs_per_flow_run=0 -v in_flight_share=0.03 \
    -v with_state_rows=off -f "$REPO/test/fixtures/generate_data.sql" >/dev/null
psql_quiet -d bench_http -c "CLUSTER flow_run USING ix_flow_run__expected_start_time_desc" \
    -c "VACUUM ANALYZE"

"$PG_BIN/psql" -X -At -c "SELECT version()"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$PYTHON" "$REPO/bench/http_bench.py" --dsn "host=$PGHOST port=$PGPORT user=postgres dbname=bench_http" \
    --url "postgresql://postgres@/bench_http?host=$PGHOST&port=$PGPORT" --pg-bin "$PG_BIN" \
    --clients "${CLIENTS:-8}" --seconds "${SECONDS_EACH:-30}"
