# scripts/common.sh: sourced by demo.sh, test.sh and bench/run.sh.
#
# On Debian 12: install what is missing, build and install the extension,
# and run a throwaway PostgreSQL 15 cluster (unix socket only, in a temporary
# directory, as the postgres user when we are root: initdb refuses root).

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PYTHON=/usr/bin/python3
PACKAGES="postgresql-15 postgresql-server-dev-15 build-essential python3 python3-psycopg2"

# A cluster whose server log shows a backend killed by a signal crashed.
server_crashed() {
    grep -qE "terminated by signal|was terminated by exception" \
        "$CLUSTER_DIR/server.log"
}

log() { printf '== %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Install the Debian packages that are not installed yet (extra ones as arguments).
install_dependencies() {
    local missing=()
    for package in $PACKAGES "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
}

build_and_install() {
    log "building flow_history"
    make -C "$REPO" -s PG_CONFIG="$PG_BIN/pg_config"
    as_root make -C "$REPO" -s install PG_CONFIG="$PG_BIN/pg_config" >/dev/null
}

# Run a command as the cluster's owner.
as_cluster_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
    if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
        as_cluster_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$CLUSTER_DIR"
    fi
}

# The server's command-line settings; CLUSTER_OPTIONS adds to them.
server_options() {
    echo "-p $PGPORT -k $CLUSTER_DIR -c listen_addresses= -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off ${CLUSTER_OPTIONS:-}"
}

# Start a cluster and point libpq at it (PGHOST, PGPORT, PGUSER).  With
# KEEP_CLUSTER=1 it outlives the script; otherwise it is removed on exit.
start_cluster() {
    CLUSTER_DIR=$(mktemp -d /tmp/flow_history_pg.XXXXXX)
    chmod 755 "$CLUSTER_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$CLUSTER_DIR"
    export PGHOST="$CLUSTER_DIR" PGPORT=5440 PGUSER=postgres
    [ "${KEEP_CLUSTER:-0}" = 1 ] || trap stop_cluster EXIT
    log "starting a throwaway PostgreSQL 15 in $CLUSTER_DIR"
    as_cluster_owner "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U postgres -A trust \
        -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    as_cluster_owner "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w \
        -o "$(server_options)" start >/dev/null
}

psql_quiet() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

# A database holding Prefect's schema and the extension.
create_prefect_database() {
    local db=$1
    "$PG_BIN/createdb" "$db"
    psql_quiet -d "$db" -c "SET client_min_messages = warning" -f "$REPO/test/fixtures/prefect_schema.sql"
    psql_quiet -d "$db" -c "CREATE EXTENSION flow_history"
}
