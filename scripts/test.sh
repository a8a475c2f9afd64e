#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is
# missing, checks the packaging files, then runs scripts/suites.sh for each
# PostgreSQL version: every suite on 15 (Debian's), the core suites
# (regression, packaging, golden, oracle) on the versions built from source.
# Each version runs in its own throwaway cluster from a private installation;
# nothing is installed into the system's PostgreSQL.  The last line is
# "N passed, N failed" (", N skipped" when a version's source cannot be had);
# the exit status is 0 only if nothing failed.
#
#   scripts/test.sh              # 15, 17 and 18
#   scripts/test.sh 15 18        # only these versions
#   scripts/test.sh --mutation   # also the mutation check on 15 (MUTATION=1 too;
#                                # it rebuilds the extension once per mutant)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MUTATION=${MUTATION:-0}
versions=()
for argument in "$@"; do
    case $argument in
        --mutation) MUTATION=1 ;;
        [0-9]*) versions+=("$argument") ;;
        *) echo "usage: $0 [--mutation] [MAJOR ...]" >&2; exit 2 ;;
    esac
done
# shellcheck disable=SC2206  # a list of words
[ ${#versions[@]} -gt 0 ] || versions=($TESTED_PG_MAJORS)
install_dependencies valgrind git      # git: the citation and mutant checks

LOG_DIR=$(mktemp -d /tmp/flow_history_test.XXXXXX)
trap 'rm -rf "$LOG_DIR"' EXIT
PASSED=0
FAILED=0
SKIPPED=0
REPORT=()

# 1. The packaging files: META.json, CHANGELOG.md, the versioned scripts, the
#    control file, and what a trusted extension's scripts must not contain
log "packaging files"
files_output=$("$PYTHON" "$REPO/test/packaging/check_files.py" "$REPO" 2>&1) || true
printf '%s\n' "$files_output"
files_summary=$(printf '%s\n' "$files_output" | grep -E '^files: [0-9]+ passed, [0-9]+ failed$' || true)
if [ -n "$files_summary" ]; then
    PASSED=$((PASSED + $(echo "$files_summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
    FAILED=$((FAILED + $(echo "$files_summary" | sed -E 's/.* ([0-9]+) failed$/\1/')))
else
    FAILED=$((FAILED + 1))
fi
REPORT+=("files: ${files_summary#files: }")

# A repository check that ends with "<name>: N passed, N failed"
count_check() {
    local name=$1; shift
    local output summary
    log "$name"
    output=$("$@" 2>&1) || true
    printf '%s\n' "$output" | tail -n 20
    summary=$(printf '%s\n' "$output" | grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" | tail -n 1 || true)
    if [ -n "$summary" ]; then
        PASSED=$((PASSED + $(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
        FAILED=$((FAILED + $(echo "$summary" | sed -E 's/.* ([0-9]+) failed$/\1/')))
        REPORT+=("$summary")
    else
        FAILED=$((FAILED + 1))
        REPORT+=("$name: did not finish")
    fi
}

# The repository: no citation outside it; every mutant still applies
count_check citations "$PYTHON" "$REPO/test/citations/check_citations.py"
# Every operator and type in the SQL templates of src/ is pg_catalog's
count_check sql_operators "$PYTHON" "$REPO/test/static/check_sql_operators.py"
count_check mutants "$REPO/test/mutation/run.sh" --check

# 2. The suites, version by version
for major in "${versions[@]}"; do
    mode=core
    [ "$major" = "$DEBIAN_PG_MAJOR" ] && mode=all
    log "PostgreSQL $major: $mode suites"
    started=$(date +%s)
    set +e
    "$REPO/scripts/suites.sh" "$major" "$mode" 2>&1 | tee "$LOG_DIR/$major.log"
    status=${PIPESTATUS[0]}
    set -e
    seconds=$(( $(date +%s) - started ))
    summary=$(grep -E "^postgresql-$major: [0-9]+ passed, [0-9]+ failed$" "$LOG_DIR/$major.log" | tail -n 1 || true)
    if [ "$status" -eq 3 ]; then
        SKIPPED=$((SKIPPED + 1))
        REPORT+=("postgresql-$major: NOT TESTED, its source cannot be had from Debian's archive")
    elif [ -z "$summary" ]; then
        FAILED=$((FAILED + 1))
        REPORT+=("postgresql-$major: did not finish (exit status $status) after $seconds s")
    else
        PASSED=$((PASSED + $(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
        FAILED=$((FAILED + $(echo "$summary" | sed -E 's/.* ([0-9]+) failed$/\1/')))
        REPORT+=("$summary ($mode suites, $seconds s)")
    fi
done

# On request: the suites must catch the planted bugs of test/mutation/
if [ "$MUTATION" = 1 ]; then
    count_check mutation "$REPO/test/mutation/run.sh"
fi

printf '%s\n' "${REPORT[@]}"
if [ "$SKIPPED" -gt 0 ]; then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
    echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" -eq 0 ]
