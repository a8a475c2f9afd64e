#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, builds, starts a throwaway cluster and runs every suite.  The last
# line is "N passed, N failed"; the exit status is 0 only if nothing failed.
#
#   sudo scripts/test.sh               every suite but the mutation check
#   sudo scripts/test.sh --mutation    also the mutation check (MUTATION=1 too;
#                                      it rebuilds the extension once per mutant)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MUTATION=${MUTATION:-0}
case "${1:-}" in
    --mutation) MUTATION=1 ;;
    "") ;;
    *) echo "usage: $0 [--mutation]" >&2; exit 2 ;;
esac

install_dependencies git      # git: the citation and mutant checks
build_and_install
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

# 0. The repository: no citation outside it; every mutant still applies
run_counted_suite citations "$PYTHON" "$REPO/test/citations/check_citations.py"
run_counted_suite mutants "$REPO/test/mutation/run.sh" --check

# 1. pg_regress: sql/ against expected/
log "regression tests (pg_regress)"
regress_log=$(mktemp)
make -C "$REPO" -s installcheck PG_CONFIG="$PG_BIN/pg_config" >"$regress_log" 2>&1 || true
grep -E '^(ok|not ok|test) ' "$regress_log" || cat "$regress_log"
count "$(grep -cE '^test .* \.\.\. ok|^ok ' "$regress_log" || true)" \
      "$(grep -cE '^test .* \.\.\. FAILED|^not ok ' "$regress_log" || true)"
if [ -f "$REPO/regression.diffs" ]; then cat "$REPO/regression.diffs"; fi

# 2. Prefect's own answers, recorded over a fixed dataset
create_prefect_database golden
gunzip -c "$REPO/test/golden/prefect_dataset.sql.gz" | psql_quiet -d golden
run_counted_suite golden "$PYTHON" "$REPO/test/golden/check_golden.py" \
    --dsn "dbname=golden" --answers "$REPO/test/golden/prefect_answers.jsonl.gz"

# 3. The differential oracle: Prefect's query shape, written from doc/,
#    against ours on seeded data, case by case in one transaction
run_counted_suite oracle "$REPO/test/oracle/run.sh"

# 4. Reliability: mutated requests, memory over many calls, concurrent load,
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

log "server log"
if server_crashed; then
    grep -E "terminated by signal|terminated by exception" "$CLUSTER_DIR/server.log"
    count 0 1
else
    count 1 0
fi
stop_cluster

# 5. The regression, golden, oracle and fuzz suites under UBSan; regression and
#    golden with the server under Valgrind
run_counted_suite sanitize "$REPO/test/reliability/sanitize.sh"

# 6. On request: the suites must catch the planted bugs of test/mutation/
if [ "$MUTATION" = 1 ]; then
    run_counted_suite mutation "$REPO/test/mutation/run.sh"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
