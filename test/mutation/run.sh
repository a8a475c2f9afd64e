#!/usr/bin/env bash
# Mutation check: the test suites must fail when the code is broken.  Each
# mutation below is applied to a scratch copy of the repository, built and
# installed, and the suite meant to catch it is run; a mutation the suite
# survives is reported.  The normal build is installed again at the end.
# Not part of scripts/test.sh (it rebuilds the extension once per mutation).
#
#   sudo test/mutation/run.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/common.sh"

install_dependencies
build_and_install
start_cluster
create_prefect_database golden
gunzip -c "$REPO/test/golden/prefect_dataset.sql.gz" | psql_quiet -d golden
"$REPO/test/oracle/run.sh" >/dev/null 2>&1 || true
create_prefect_database cancel
psql_quiet -d cancel -v flow_runs=1000000 -v task_runs_per_flow_run=0 -v with_state_rows=off \
    -f "$REPO/test/fixtures/generate_data.sql" >/dev/null

scratch=$(mktemp -d /tmp/flow_history_mutant.XXXXXX)
REGRESS=(make -C "$scratch/repo" -s installcheck PG_CONFIG="$PG_BIN/pg_config")
ORACLE=("$PYTHON" "$REPO/test/oracle/check_oracle.py" --dsn dbname=oracle)
GOLDEN=("$PYTHON" "$REPO/test/golden/check_golden.py" --dsn dbname=golden
        --answers "$REPO/test/golden/prefect_answers.jsonl.gz")
CANCEL=("$PYTHON" "$REPO/test/reliability/cancel.py" --dsn dbname=cancel)
INJECTION=("$PYTHON" "$REPO/test/reliability/injection.py" --dsn dbname=oracle)
MEMORY=("$PYTHON" "$REPO/test/reliability/memory.py" --dsn dbname=oracle --calls 3000)
FUZZ=("$PYTHON" "$REPO/test/fuzz/fuzz.py" --dsn dbname=golden --corpus-dsn dbname=oracle
      --seed-file "$REPO/test/fixtures/seed_request.json" --requests 3000)

# name | files | Python expression turning each file's text s into the mutant | suite
MUTATIONS=(
  "bucket bound: a run at the window start is left out|src/bucket_agg.c|s.replace('expected < state->origin)', 'expected <= state->origin)')|ORACLE"
  "dropped filter: flow_version matches everything|src/filter_spec.c|s.replace('{.key = \"flow_version\", .column = \"fr.flow_version\", .operands = text_any_ops}', '{.key = \"flow_version\", .column = \"fr.flow_version\", .flags = FIELD_IGNORED, .operands = text_any_ops}')|ORACLE"
  "NOT IN semantics: not_any_ keeps NULL columns|src/filter_spec.c|s.replace('.sql = \"{col} <> ALL({param})\", .on_empty = EMPTY_SKIPPED}', '.sql = \"({col} <> ALL({param}) OR {col} IS NULL)\", .on_empty = EMPTY_SKIPPED}', 1)|ORACLE"
  "lateness: CRASHED counted as not final|src/bucket_agg.c|s.replace('strcmp(label, \"CRASHED\") == 0)', 'strcmp(label, \"CRASHED!\") == 0)')|GOLDEN"
  "no CHECK_FOR_INTERRUPTS in the extension's loops|src/filter_compile.c src/json_input.c|s.replace('\\t\\tCHECK_FOR_INTERRUPTS();\\n\\t\\tswitch (op->value)', '\\t\\tswitch (op->value)').replace('\\t\\t\\tCHECK_FOR_INTERRUPTS();\\n\\t\\t\\telems[n++]', '\\t\\t\\telems[n++]')|CANCEL"
  "spliced value: like_ written into the SQL text|src/filter_compile.c|s.replace('\\tparam = query_param_add(fc->params, value->type, value->datum, json_path_string(path));\\n\\treturn sql_clause(expand_sql_template(fc, table, op->sql, field->column, param));', '\\tif (value->type == TEXTOID)\\n\\t\\treturn sql_clause(psprintf(\"%s ILIKE \\'%s\\'\", field->column, TextDatumGetCString(value->datum)));\\n\\tparam = query_param_add(fc->params, value->type, value->datum, json_path_string(path));\\n\\treturn sql_clause(expand_sql_template(fc, table, op->sql, field->column, param));')|INJECTION"
  "internal error: unknown filter keys raise XX000|src/json_input.c|s.replace('(errcode(ERRCODE_INVALID_PARAMETER_VALUE),\n\t\t\t errmsg(\"unrecognized key', '(errcode(ERRCODE_INTERNAL_ERROR),\n\t\t\t errmsg(\"unrecognized key')|FUZZ"
  "privileges: the functions run as their owner (SECURITY DEFINER)|flow_history--1.0.sql|s.replace('LANGUAGE C STRICT STABLE PARALLEL SAFE', 'LANGUAGE C STRICT STABLE PARALLEL SAFE SECURITY DEFINER')|REGRESS"
  "leak: every answer decoded in TopMemoryContext|src/history_query.c|s.replace('MemoryContext caller_context = CurrentMemoryContext;', 'MemoryContext caller_context = TopMemoryContext;').replace('#include \"utils/lsyscache.h\"', '#include \"utils/lsyscache.h\"\\n#include \"utils/memutils.h\"')|MEMORY"
)

trap 'rm -rf "$scratch"; build_and_install; stop_cluster' EXIT
survived=0
for mutation in "${MUTATIONS[@]}"; do
    IFS='|' read -r name files expression suite <<<"$mutation"
    rm -rf "$scratch/repo" && cp -r "$REPO" "$scratch/repo"
    "$PYTHON" - "$scratch/repo" "$expression" $files <<'PY'
import sys
repo, expression = sys.argv[1], sys.argv[2]
for file in sys.argv[3:]:
    path = f"{repo}/{file}"
    s = open(path).read()
    mutant = eval(expression)
    if mutant == s:
        sys.exit(f"the mutation does not apply to {path}")
    open(path, "w").write(mutant)
PY
    make -C "$scratch/repo" -s clean
    make -C "$scratch/repo" -s PG_CONFIG="$PG_BIN/pg_config" >/dev/null
    as_root make -C "$scratch/repo" -s install PG_CONFIG="$PG_BIN/pg_config" >/dev/null
    declare -n command="$suite"
    if "${command[@]}" >"$scratch/out" 2>&1; then
        echo "SURVIVED: $name ($suite passed)"
        survived=$((survived + 1))
    else
        echo "killed:   $name -- $(grep -E '[.][.][.] FAILED|^not ok|passed, [0-9]+ failed$' "$scratch/out" \
                                     | tr -s ' ' | paste -sd ';' | cut -c 1-160)"
    fi
done
echo "mutation: $((${#MUTATIONS[@]} - survived)) killed, $survived survived"
[ "$survived" -eq 0 ]
