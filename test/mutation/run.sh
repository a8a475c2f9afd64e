#!/usr/bin/env bash
# Mutation check: the test suites must fail when the code is broken.  Each
# mutant is a patch in test/mutation/mutants/ (README.md there): it is applied
# with `git apply` to a scratch copy of the repository, which fails loudly if
# the code it changes was edited or reformatted since; the copy is built and
# installed into a private copy of PostgreSQL's installation (never the
# system's), and the suite named in the patch's header is run against a
# throwaway cluster of that copy.  A mutant the suite survives is reported.
#
#   sudo test/mutation/run.sh            every mutant (scripts/test.sh --mutation)
#   test/mutation/run.sh --check         only check that every mutant applies
#
# The last line is "mutation: N passed, N failed" (a mutant passes when its
# suite fails); with --check, "mutants: N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/common.sh"

MUTANTS=("$REPO"/test/mutation/mutants/*.patch)

# A header line of a mutant ("Mutant: ...", "Suite: ...").
mutant_field() {
    sed -n "s/^$2: //p" "$1" | head -n 1
}

# Every mutant applies to the tree in $1, unchanged, and names a suite.
check_mutants() {
    local passed=0 failed=0
    for patch in "${MUTANTS[@]}"; do
        if [ -n "$(mutant_field "$patch" Suite)" ] && git -C "$1" apply --check "$patch"; then
            passed=$((passed + 1))
        else
            echo "mutants: $(basename "$patch") does not apply (see test/mutation/README.md)"
            failed=$((failed + 1))
        fi
    done
    echo "mutants: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

if [ "${1:-}" = "--check" ]; then
    check_mutants "$REPO"
    exit
fi

install_dependencies git
SYSTEM_PG_CONFIG="$PG_BIN/pg_config"
work=$(mktemp -d /tmp/flow_history_mutation.XXXXXX)
chmod 755 "$work"
cleanup() {
    stop_cluster
    rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL's binaries, libraries and share files copied under $work: the
# server finds its share/ and lib/ relative to its own binary, so the copies
# of the extension installed there (DESTDIR) are the ones it loads.
private_root="$work/root"
for dir in "$(dirname "$("$SYSTEM_PG_CONFIG" --bindir)")" "$("$SYSTEM_PG_CONFIG" --sharedir)"; do
    mkdir -p "$private_root$(dirname "$dir")"
    cp -a "$dir" "$private_root$(dirname "$dir")/"
done
PG_BIN="$private_root$("$SYSTEM_PG_CONFIG" --bindir)"

# Build the tree in $1 and install it into the private copy.
build_private() {
    make -C "$1" -s clean
    make -C "$1" -s PG_CONFIG="$SYSTEM_PG_CONFIG" >/dev/null
    make -C "$1" -s install DESTDIR="$private_root" PG_CONFIG="$SYSTEM_PG_CONFIG" >/dev/null
}

# A copy of the repository without its .git, so that git apply patches files.
fresh_copy() {
    rm -rf "$work/repo" && mkdir "$work/repo"
    tar -C "$REPO" --exclude=.git -cf - . | tar -C "$work/repo" -xf -
}

log "building flow_history into $private_root"
fresh_copy
build_private "$work/repo"
KEEP_CLUSTER=1      # cleanup() stops it
start_cluster
create_prefect_database golden
gunzip -c "$REPO/test/golden/prefect_dataset.sql.gz" | psql_quiet -d golden
"$REPO/test/oracle/run.sh" >/dev/null 2>&1 || true
create_prefect_database cancel
psql_quiet -d cancel -v flow_runs=1000000 -v task_runs_per_flow_run=0 -v with_state_rows=off \
    -f "$REPO/test/fixtures/generate_data.sql" >/dev/null
"$PG_BIN/createdb" names
psql_quiet -d names -c "CREATE EXTENSION flow_history"
psql_quiet -d names -v runs=1000000 -v names=1000000 -f "$REPO/test/reliability/distinct_states.sql" >/dev/null

# The suites a mutant can name.
REGRESS=(make -C "$work/repo" -s installcheck PG_CONFIG="$SYSTEM_PG_CONFIG")
ORACLE=("$PYTHON" "$REPO/test/oracle/check_oracle.py" --dsn dbname=oracle)
GOLDEN=("$PYTHON" "$REPO/test/golden/check_golden.py" --dsn dbname=golden
        --answers "$REPO/test/golden/prefect_answers.jsonl.gz")
CANCEL=("$PYTHON" "$REPO/test/reliability/cancel.py" --dsn dbname=cancel --names-dsn dbname=names)
INJECTION=("$PYTHON" "$REPO/test/reliability/injection.py" --dsn dbname=oracle)
MEMORY=("$PYTHON" "$REPO/test/reliability/memory.py" --dsn dbname=oracle --calls 3000)
FUZZ=("$PYTHON" "$REPO/test/fuzz/fuzz.py" --dsn dbname=golden --corpus-dsn dbname=oracle
      --seed-file "$REPO/test/fixtures/seed_request.json" --requests 3000)

killed=0
failed=0
# Each suite a mutant names must pass on the unchanged build first: only then
# does its failure on a mutant mean that it caught the mutant.
declare -A baseline_failed=()
for suite in $(for patch in "${MUTANTS[@]}"; do mutant_field "$patch" Suite; done | sort -u); do
    declare -n command="$suite"
    if ! "${command[@]}" >"$work/out" 2>&1; then
        echo "BASELINE FAILED: $suite fails without a mutant: $(tail -n 3 "$work/out" | paste -sd ';')"
        baseline_failed[$suite]=1
        failed=$((failed + 1))
    fi
    unset -n command
done

for patch in "${MUTANTS[@]}"; do
    name=$(mutant_field "$patch" Mutant)
    suite=$(mutant_field "$patch" Suite)
    if [ -n "${baseline_failed[$suite]:-}" ]; then
        echo "NOT RUN:  $name ($suite fails without it)"
        continue
    fi
    fresh_copy
    if ! git -C "$work/repo" apply "$patch"; then
        echo "NOT APPLIED: $name ($(basename "$patch")): regenerate it (test/mutation/README.md)"
        failed=$((failed + 1))
        continue
    fi
    build_private "$work/repo"
    declare -n command="$suite"
    if "${command[@]}" >"$work/out" 2>&1; then
        echo "SURVIVED: $name ($suite passed)"
        failed=$((failed + 1))
    else
        echo "killed:   $name -- $(grep -E '[.][.][.] FAILED|^not ok|passed, [0-9]+ failed$' "$work/out" \
                                     | tr -s ' ' | paste -sd ';' | cut -c 1-160)"
        killed=$((killed + 1))
    fi
    unset -n command
done
echo "mutation: $killed passed, $failed failed"
[ "$failed" -eq 0 ]
