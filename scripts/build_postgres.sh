#!/usr/bin/env bash
# Build PostgreSQL MAJOR (17, 18, ...) from Debian's source package into a
# private prefix, for testing the extension against versions Debian 12 does
# not ship.  The upstream tarball comes from Debian's archive (trixie or sid)
# through a private apt configuration: only deb-src lines, its own lists and
# cache, so the system's apt sources are left alone and no binary package of
# another suite is ever installed (they would upgrade libc).
#
#   scripts/build_postgres.sh MAJOR [PREFIX]
#
# PREFIX defaults to $FLOW_HISTORY_PG_CACHE/postgresql-MAJOR
# (FLOW_HISTORY_PG_CACHE defaults to /var/cache/flow_history as root,
# ~/.cache/flow_history otherwise).  A prefix that
# already holds a complete build is reused without contacting the archive;
# the last line printed is the prefix's bin directory.  Exit status 3: the
# archive does not serve that version's source (nothing is built).
set -euo pipefail

MAJOR=${1:?usage: build_postgres.sh MAJOR [PREFIX]}
if [ "$(id -u)" -eq 0 ]; then default_cache=/var/cache/flow_history
else default_cache=${XDG_CACHE_HOME:-$HOME/.cache}/flow_history; fi
CACHE=${FLOW_HISTORY_PG_CACHE:-$default_cache}
PREFIX=${2:-$CACHE/postgresql-$MAJOR}
# Built with zlib (Debian 12's zlib1g-dev), without ICU and readline.
BUILD_PACKAGES="build-essential bison flex zlib1g-dev ca-certificates"

log() { printf '== %s\n' "$*" >&2; }
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else log "not root and no sudo: install as root first: $*"; exit 1; fi
}

missing=()
for package in $BUILD_PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

mkdir -p "$(dirname "$PREFIX")"
# One build per prefix at a time: a second caller waits, then reuses it.
exec 9>"$PREFIX.lock"
flock 9
# A complete build (marked at its end) is reused as it is.
if [ -f "$PREFIX/.build-complete" ]; then
    log "PostgreSQL $(cat "$PREFIX/.build-complete") reused from $PREFIX"
    echo "$PREFIX/bin"
    exit 0
fi

work=$(mktemp -d /tmp/flow_history_pgbuild.XXXXXX)
trap 'rm -rf "$work"' EXIT

# A private apt: its own sources (deb-src only), lists, cache and no apt.conf.d.
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/sources.list.d"
cat >"$work/apt/sources.list" <<'SOURCES'
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main
SOURCES
private_apt() {
    apt-get -q -o Dir::Etc::SourceList="$work/apt/sources.list" \
        -o Dir::Etc::SourceParts="$work/apt/sources.list.d" \
        -o Dir::State::Lists="$work/apt/lists" -o Dir::Cache="$work/apt/cache" \
        -o Dir::Cache::Archives="$work/apt/cache/archives" \
        -o APT::Sandbox::User=root "$@"
}
log "fetching the source of postgresql-$MAJOR from Debian's archive"
private_apt update >/dev/null
# Exit status 3: the archive does not serve this version's source.
if ! (cd "$work" && private_apt source --download-only "postgresql-$MAJOR" >"$work/source.log" 2>&1); then
    grep -E '^(E|W):' "$work/source.log" >&2 || true
    log "Debian's archive does not serve the source of postgresql-$MAJOR"
    exit 3
fi
tarball=$(ls "$work"/postgresql-"$MAJOR"_*.orig.tar.* | head -n 1)
version=$(basename "$tarball" | sed -E 's/^postgresql-[0-9]+_([^.]+\.[^.]+)\.orig.*/\1/')

log "building PostgreSQL $version into $PREFIX"
start=$(date +%s)
tar -xf "$tarball" -C "$work"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "postgresql-$MAJOR*" | head -n 1)
rm -rf "$PREFIX"
(
    cd "$src"
    ./configure -q --prefix="$PREFIX" --without-icu --without-readline >"$work/configure.log" 2>&1 \
        || { tail -n 40 "$work/configure.log"; exit 1; }
    make -s -j2 >"$work/make.log" 2>&1 || { tail -n 40 "$work/make.log"; exit 1; }
    make -s install >"$work/install.log" 2>&1 || { tail -n 40 "$work/install.log"; exit 1; }
    make -s -C contrib/pg_trgm install >"$work/trgm.log" 2>&1 || { tail -n 40 "$work/trgm.log"; exit 1; }
)
# The server runs as postgres; it must be able to read the tree.
chmod -R a+rX "$PREFIX"
echo "$version" >"$PREFIX/.build-complete"
log "PostgreSQL $version built in $(( $(date +%s) - start )) s"
echo "$PREFIX/bin"
