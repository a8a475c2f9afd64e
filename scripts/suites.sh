#!/usr/bin/env bash
# The test suites against one PostgreSQL version, in a throwaway cluster run
# from a private installation (scripts/common.sh).  scripts/test.sh runs it
# once per tested version.
#
#   scripts/suites.sh MAJOR core    # regression, packaging, README, golden, oracle
#   scripts/suites.sh MAJOR all     # those, then fuzz, injection, memory,
#                                   # load, cancellation and the sanitizers
#
# The last line is "postgresql-MAJOR: N passed, N failed"; the exit status is
# 0 only if nothing failed, 3 if the version's source cannot be had
# (scripts/build_postgres.sh), 1 otherwise.
export PG_MAJOR=${1:?usage: suites.sh MAJOR core|all}
MODE=${2:?usage: suites.sh MAJOR core|all}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

prepare_postgres    # exits with build_postgres.sh's status 3 if the source cannot be had
# Warnings are errors here (the Makefile leaves that to whoever builds).
build_and_install "$REPO" COPT=-Werror
start_cluster

PASSED=0
FAILED=0
count() { PASSED=$((PASSED + $1)); FAILED=$((FAILED + $2)); }

# A suite that ends by printing "<name>: N passed, N failed".
run_counted_suite() {
    local name=$1; shift
    local output
    log "$name"
    output=$("$@" 2>&1) || true
    printf '%s\n' "$output" | tail -n 40
    local summary
    summary=$(printf '%s\n' "$output" | grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" | tail -n 1 || true)
    if [ -z "$summary" ]; then
        log "$name did not finish"
        count 0 1
        return
    fi
    count "$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')" \
          "$(echo "$summary" | sed -E 's/.* ([0-9]+) failed$/\1/')"
}

# 1. pg_regress: sql/ against expected/
log "regression tests (pg_regress)"
regress_log=$RUN_DIR/regress.log
make -C "$REPO" -s installcheck PG_CONFIG="$PG_CONFIG" >"$regress_log" 2>&1 || true
grep -E '^(ok|not ok|test) ' "$regress_log" || cat "$regress_log"
count "$(grep -cE '^test .* \.\.\. ok|^ok ' "$regress_log" || true)" \
      "$(grep -cE '^test .* \.\.\. FAILED|^not ok ' "$regress_log" || true)"
if [ -f "$REPO/regression.diffs" ]; then cat "$REPO/regression.diffs"; fi

# 2. Packaging: every upgrade path against a fresh install, and the
#    extension installed and used by a database owner who is not superuser
run_counted_suite upgrade "$PYTHON" "$REPO/test/packaging/check_upgrade.py" --repo "$REPO"
run_counted_suite trusted "$PYTHON" "$REPO/test/packaging/check_trusted.py" --repo "$REPO"

# 3. Every query of the README over the demo's data
create_prefect_database demo
load_demo_sample demo >/dev/null
run_counted_suite readme "$PYTHON" "$REPO/test/packaging/check_readme.py" --repo "$REPO" --dsn "dbname=demo"

# 4. Prefect's own answers, recorded over a fixed dataset
create_prefect_database golden
gunzip -c "$REPO/test/golden/prefect_dataset.sql.gz" | psql_quiet -d golden
run_counted_suite golden "$PYTHON" "$REPO/test/golden/check_golden.py" \
    --dsn "dbname=golden" --answers "$REPO/test/golden/prefect_answers.jsonl.gz"

# 5. The differential oracle: Prefect's query shape, written from the spec,
#    against ours on seeded data, case by case in one transaction
run_counted_suite oracle "$REPO/test/oracle/run.sh"

if [ "$MODE" = all ]; then
    # 6. Reliability: mutated requests, memory over many calls, concurrent load,
    #    cancellation over a million runs (the long versions: test/reliability/README.md)
    run_counted_suite fuzz "$PYTHON" "$REPO/test/fuzz/fuzz.py" --dsn "dbname=golden" \
        --corpus-dsn "dbname=oracle" --seed-file "$REPO/test/fixtures/seed_request.json" \
        --requests "${FUZZ_REQUESTS:-10000}"
    run_counted_suite injection "$PYTHON" "$REPO/test/reliability/injection.py" --dsn "dbname=oracle"
    run_counted_suite memory "$PYTHON" "$REPO/test/reliability/memory.py" --dsn "dbname=oracle" \
        --calls "${MEMORY_CALLS:-10000}"
    "$PG_BIN/createdb" -T oracle load
    run_counted_suite load "$REPO/test/reliability/load.sh" load "${LOAD_SECONDS:-20}"
    create_prefect_database cancel
    psql_quiet -d cancel -v flow_runs=1000000 -v task_runs_per_flow_run=0 -v with_state_rows=off \
        -f "$REPO/test/fixtures/generate_data.sql" >/dev/null
    "$PG_BIN/createdb" names
    psql_quiet -d names -c "CREATE EXTENSION flow_history"
    psql_quiet -d names -v runs=1000000 -v names=1000000 -f "$REPO/test/reliability/distinct_states.sql" >/dev/null
    run_counted_suite cancel "$PYTHON" "$REPO/test/reliability/cancel.py" --dsn "dbname=cancel" \
        --names-dsn "dbname=names"
    run_counted_suite memory_peak "$PYTHON" "$REPO/test/reliability/memory_peak.py" --dsn "dbname=names" \
        --address-space $((8 * 1024 * 1024 * 1024))
    psql_quiet -d names -v runs=1000000 -v names=200000 -f "$REPO/test/reliability/distinct_states.sql" >/dev/null
    run_counted_suite memory_peak "$PYTHON" "$REPO/test/reliability/memory_peak.py" --dsn "dbname=names" --bars
fi

log "server log"
if server_crashed; then
    grep -E "terminated by signal|terminated by exception" "$RUN_DIR/server.log"
    count 0 1
else
    count 1 0
fi
stop_cluster

if [ "$MODE" = all ]; then
    # 7. The regression, golden, oracle and fuzz suites under UBSan; regression
    #    and golden with the server under Valgrind (a private installation of its own)
    run_counted_suite sanitize "$REPO/test/reliability/sanitize.sh"
fi

echo "postgresql-$PG_MAJOR: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
