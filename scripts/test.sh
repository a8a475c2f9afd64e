#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, builds, starts a throwaway cluster and runs every suite.  The last
# line is "N passed, N failed"; the exit status is 0 only if nothing failed.
#
#   sudo scripts/test.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_dependencies
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
    summary=$(printf '%s\n' "$output" | grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" | tail -n 1)
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

# 3. The differential oracle: Prefect's query shape, written from the spec,
#    against ours on seeded data, case by case in one transaction
run_counted_suite oracle "$REPO/test/oracle/run.sh"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
