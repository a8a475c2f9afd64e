# scripts/common.sh: sourced by demo.sh, test.sh, the suites and bench/run.sh.
#
# On Debian 12: install what is missing, build the extension and install it
# into a private copy of a PostgreSQL installation, and run a throwaway
# cluster from that copy (unix socket only, as the postgres user when we are
# root: initdb refuses root).  The system's PostgreSQL directories are never
# written: another cluster on the machine may load the extension from there.
#
# PG_MAJOR selects the server: 15 (Debian 12's packages, the default) or a
# version that scripts/build_postgres.sh builds from Debian's source package.
# Everything a run creates lives in one directory, RUN_DIR
# (/tmp/flow_history.XXXXXX): the installation copy in $RUN_DIR/install, the
# cluster in $RUN_DIR/data, its socket and server.log.

set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=/usr/bin/python3
PG_MAJOR=${PG_MAJOR:-15}
# The version Debian 12 packages; the others come from scripts/build_postgres.sh.
DEBIAN_PG_MAJOR=15
# The versions scripts/test.sh tests by default (and CI with it).
TESTED_PG_MAJORS="15 17 18"
PACKAGES="postgresql-15 postgresql-server-dev-15 build-essential python3 python3-psycopg2"

# A cluster whose server log shows a backend killed by a signal crashed.
server_crashed() {
    grep -qE "terminated by signal|was terminated by exception" \
        "$RUN_DIR/server.log"
}

log() { printf '== %s\n' "$*" >&2; }

# Package installs need root: run as root, or have sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        log "not root and no sudo: run as root, or install as root first: $*"
        exit 1
    fi
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

# The private installation: a copy of the server's installation tree in
# $RUN_DIR/install.  PostgreSQL finds its share/, lib/ and include/ relative to
# its own binaries, so the copy's pg_config, make install and server all use
# the copy.  Sets RUN_DIR, PG_BIN and PG_CONFIG; the directory is removed on
# exit (a script that keeps it clears the EXIT trap).
prepare_postgres() {
    local source_bin
    RUN_DIR=$(mktemp -d /tmp/flow_history.XXXXXX)
    chmod 755 "$RUN_DIR"
    trap stop_cluster EXIT
    if [ "$PG_MAJOR" = "$DEBIAN_PG_MAJOR" ]; then
        source_bin=/usr/lib/postgresql/$PG_MAJOR/bin
        mkdir -p "$RUN_DIR/install/usr/lib/postgresql" "$RUN_DIR/install/usr/share/postgresql" \
                 "$RUN_DIR/install/usr/include"
        cp -a "/usr/lib/postgresql/$PG_MAJOR" "$RUN_DIR/install/usr/lib/postgresql/"
        cp -a "/usr/share/postgresql/$PG_MAJOR" "$RUN_DIR/install/usr/share/postgresql/"
        cp -a /usr/include/postgresql "$RUN_DIR/install/usr/include/"
        PG_BIN=$RUN_DIR/install$source_bin
    else
        source_bin=$("$REPO/scripts/build_postgres.sh" "$PG_MAJOR" | tail -n 1)
        cp -a "$(dirname "$source_bin")" "$RUN_DIR/install"
        PG_BIN=$RUN_DIR/install/bin
    fi
    PG_CONFIG=$PG_BIN/pg_config
    export PG_BIN PG_CONFIG
    log "PostgreSQL $("$PG_CONFIG" --version | cut -d' ' -f2) copied to $RUN_DIR/install"
}

# Build the extension in DIR (the repository by default) and install it into
# the private installation; further arguments are make variables
# (COPT=-Werror).
build_and_install() {
    local dir=${1:-$REPO}
    [ $# -eq 0 ] || shift
    [ -n "${RUN_DIR:-}" ] || prepare_postgres
    log "building flow_history"
    # Objects of another version's build must not be reused.
    make -C "$dir" -s clean PG_CONFIG="$PG_CONFIG"
    make -C "$dir" -s PG_CONFIG="$PG_CONFIG" "$@"
    make -C "$dir" -s install PG_CONFIG="$PG_CONFIG" >/dev/null
}

# Run a command as the cluster's owner.
as_cluster_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Stop the cluster (if it runs) and remove RUN_DIR.
stop_cluster() {
    if [ -n "${RUN_DIR:-}" ] && [ -d "$RUN_DIR" ]; then
        if [ -d "$RUN_DIR/data" ]; then
            as_cluster_owner "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        fi
        rm -rf "$RUN_DIR"
    fi
}

# The server's command-line settings; CLUSTER_OPTIONS adds to them.
server_options() {
    echo "-p $PGPORT -k $RUN_DIR -c listen_addresses= -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off ${CLUSTER_OPTIONS:-}"
}

# Start a cluster in RUN_DIR and point libpq at it (PGHOST, PGPORT, PGUSER).
start_cluster() {
    [ -n "${RUN_DIR:-}" ] || prepare_postgres
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$RUN_DIR"
    export PGHOST="$RUN_DIR" PGPORT=5440 PGUSER=postgres
    log "starting a throwaway PostgreSQL $PG_MAJOR in $RUN_DIR"
    as_cluster_owner "$PG_BIN/initdb" -D "$RUN_DIR/data" -U postgres -A trust \
        -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    as_cluster_owner "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -l "$RUN_DIR/server.log" -w \
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

# The demo's sample: 20,000 flow runs and their task runs over the 60 days
# before now (test/fixtures/generate_data.sql).
load_demo_sample() {
    psql_quiet -d "$1" -v anchor="$(date -u '+%Y-%m-%d %H:%M:%S+00')" \
        -f "$REPO/test/fixtures/generate_data.sql"
}
