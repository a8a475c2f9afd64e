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
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# shellcheck disable=SC2206  # a list of words
versions=(${@:-$TESTED_PG_MAJORS})
install_dependencies valgrind

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

printf '%s\n' "${REPORT[@]}"
if [ "$SKIPPED" -gt 0 ]; then
    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
    echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" -eq 0 ]
