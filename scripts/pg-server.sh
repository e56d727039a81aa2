#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests, on 127.0.0.1 and a free port.
#   scripts/pg-server.sh start   prints ROLEPLAY_TEST_PG=<url> and ROLEPLAY_TEST_PG_DIR=<dir>
#   scripts/pg-server.sh stop DIR   stops it and removes DIR
# Debian's server is installed with apt-get when it is missing (as root). The cluster
# runs with fsync off (its data is thrown away) in a folder under /tmp owned by the
# server's user, since PostgreSQL refuses to run as root and cannot enter /root.
set -euo pipefail

die() {
    echo "roleplay: $*" >&2
    exit 1
}

pg_bin() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        if [ -x "$d/initdb" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

install_server() {
    echo "roleplay: installing Debian's PostgreSQL server for the store tests (once)…" >&2
    if [ "$(id -u)" != 0 ]; then
        die "the store tests need a PostgreSQL server: install it (apt-get install postgresql)
          or set ROLEPLAY_TEST_PG to a postgresql:// URL of an empty database, then run make test again."
    fi
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null ||
        die "apt-get install postgresql failed; install it by hand, or set ROLEPLAY_TEST_PG to a server's URL"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bin dir port log
    bin=$(pg_bin) || { install_server; bin=$(pg_bin) || die "no initdb found after installing postgresql"; }
    dir=$(mktemp -d /tmp/roleplay-pg.XXXXXX)
    chmod 755 "$dir"
    mkdir "$dir/data"
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$dir/data"
    fi
    log="$dir/server.log"
    touch "$log" && [ "$(id -u)" = 0 ] && chown postgres:postgres "$log"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
        die "initdb failed (see $dir/initdb.log)"
    # one user must give a password, so the tests can check what a wrong one looks like
    { echo "host all roleplay_pw 127.0.0.1/32 scram-sha-256"; cat "$dir/data/pg_hba.conf"; } >"$dir/hba"
    cat "$dir/hba" >"$dir/data/pg_hba.conf" && rm "$dir/hba"
    for _ in 1 2 3; do
        port=$(free_port)
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/data -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100" \
            start >/dev/null 2>&1; then
            "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres roleplay ||
                die "createdb failed (see $log)"
            echo "ROLEPLAY_TEST_PG=postgresql://postgres@127.0.0.1:$port/roleplay"
            echo "ROLEPLAY_TEST_PG_DIR=$dir"
            return 0
        fi
    done
    die "the PostgreSQL server did not start (see $log)"
}

stop() {
    local dir=${1:?usage: pg-server.sh stop DIR} bin
    bin=$(pg_bin) || return 0
    case "$dir" in /tmp/roleplay-pg.*) ;; *) die "refusing to stop a server outside /tmp/roleplay-pg.*" ;; esac
    if [ -d "$dir/data" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*) die "usage: scripts/pg-server.sh start | stop DIR" ;;
esac
