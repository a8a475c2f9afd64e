# Sanitizers: the extension built under gcc's UndefinedBehaviorSanitizer
# (signed and float-to-integer overflow, shifts, out-of-bounds array indexes,
# misaligned and null pointers, unreachable code), first with the regression
# suite, Prefect's recorded answers, the differential oracle and 3,000
# fuzzed requests, then the regression suite and Prefect's answers again
# with the server running under Valgrind's memcheck (invalid reads and
# writes, use of freed or uninitialised memory).  The UBSan checks trap, so
# no runtime library is needed in Debian's unmodified server: undefined
# behaviour kills the backend with SIGILL, which the server log records.
# Pass: every test passes, no backend was killed, and no Valgrind error has
# flow_history in its stack (valgrind_errors.py).  The instrumented build is
# made in a scratch copy of the sources and installed into a private
# installation of its own (scripts/common.sh), never into the system's
# PostgreSQL nor over the normal build.
#
# AddressSanitizer is not used: its runtime has to be preloaded into the
# server, and Debian's postgres then deadlocks at start-up in glibc's
# bindtextdomain() (gcc 12 and clang 14 runtimes alike).
#
#   test/reliability/sanitize.sh          (as root; scripts/suites.sh runs it last on 15)
# The last line is "sanitize: N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/common.sh"

install_dependencies valgrind
SANITIZE="-fsanitize=undefined,float-cast-overflow -fsanitize-undefined-trap-on-error"
prepare_postgres
log "building flow_history with $SANITIZE"
mkdir "$RUN_DIR/build"
cp -r "$REPO/Makefile" "$REPO/flow_history.control" "$REPO"/flow_history--*.sql "$REPO/src" "$RUN_DIR/build/"
make -C "$RUN_DIR/build" -s clean PG_CONFIG="$PG_CONFIG"
build_and_install "$RUN_DIR/build" COPT="$SANITIZE -Werror"
start_cluster

passed=0
failed=0
# Adds the last "<name>: N passed, N failed" line read to the counts.
count_summary() {
    local summary
    summary=$(grep -E "^[a-z]+: [0-9]+ passed, [0-9]+ failed$" | tail -n 1 || true)
    if [ -z "$summary" ]; then
        failed=$((failed + 1))
        return
    fi
    passed=$((passed + $(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')))
    failed=$((failed + $(echo "$summary" | sed -E 's/.* ([0-9]+) failed$/\1/')))
}
regression_suite() {
    local regress_log=$RUN_DIR/regress.log
    make -C "$REPO" -s installcheck PG_CONFIG="$PG_CONFIG" >"$regress_log" 2>&1 || true
    passed=$((passed + $(grep -cE '^test .* \.\.\. ok|^ok ' "$regress_log" || true)))
    failed=$((failed + $(grep -cE '^test .* \.\.\. FAILED|^not ok ' "$regress_log" || true)))
}
golden_suite() {
    count_summary < <("$PYTHON" "$REPO/test/golden/check_golden.py" --dsn "dbname=golden" \
        --answers "$REPO/test/golden/prefect_answers.jsonl.gz" 2>&1)
}

regression_suite
create_prefect_database golden
gunzip -c "$REPO/test/golden/prefect_dataset.sql.gz" | psql_quiet -d golden
golden_suite
count_summary < <("$REPO/test/oracle/run.sh" 2>&1)
count_summary < <("$PYTHON" "$REPO/test/fuzz/fuzz.py" --dsn "dbname=golden" --corpus-dsn "dbname=oracle" \
    --seed-file "$REPO/test/fixtures/seed_request.json" --requests 3000 2>&1)

log "restarting the server under valgrind"
as_cluster_owner "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -m fast -w stop >/dev/null
# shellcheck disable=SC2046  # server_options is a list of words
as_cluster_owner valgrind --quiet --error-limit=no --num-callers=40 \
    --log-file="$RUN_DIR/valgrind.%p.log" "$PG_BIN/postgres" -D "$RUN_DIR/data" \
    $(server_options) >>"$RUN_DIR/server.log" 2>&1 &
for _ in $(seq 300); do
    "$PG_BIN/pg_isready" -q && break
    sleep 1
done
regression_suite
golden_suite
as_cluster_owner "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -m fast -w -t 600 stop >/dev/null
count_summary < <("$PYTHON" "$REPO/test/reliability/valgrind_errors.py" "$RUN_DIR" "$REPO/src" 2>&1 \
    | tee /dev/stderr)

if server_crashed; then
    echo "sanitize: a backend was killed:"
    grep -B5 -A5 -E "terminated by signal" "$RUN_DIR/server.log" | head -n 80
    failed=$((failed + 1))
fi
echo "sanitize: $passed passed, $failed failed"
