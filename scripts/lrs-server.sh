#!/usr/bin/env bash
# A throwaway Learning Record Store for the xAPI push tests: Learning Locker's statement
# service (npm package xapi-statements, the exact version pinned in tests/lrs/package-lock.json)
# on Node, keeping statements in memory, on 127.0.0.1 and a free port.
#   scripts/lrs-server.sh start    prints ROLEPLAY_TEST_LRS=<endpoint> and ROLEPLAY_TEST_LRS_PID=<pid>
#   scripts/lrs-server.sh stop PID
# Node and npm come from Debian (apt-get, as root) when missing; the package is installed
# once into .venv/lrs with `npm ci` (about a minute) and reused while the lock is unchanged.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
HOME_DIR=${ROLEPLAY_LRS_HOME:-$REPO/.venv/lrs}

die() {
    echo "roleplay: $*" >&2
    exit 1
}

need_node() {
    if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
        return 0
    fi
    echo "roleplay: installing Debian's nodejs and npm for the LRS tests (once)…" >&2
    [ "$(id -u)" = 0 ] || die "the LRS tests need Node.js and npm: install them (apt-get install nodejs npm)
          or set ROLEPLAY_TEST_LRS to an LRS endpoint, then run make test again."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null ||
        die "apt-get install nodejs npm failed; install them by hand"
}

install_lrs() {
    if cmp -s "$REPO/tests/lrs/package-lock.json" "$HOME_DIR/package-lock.json" &&
        [ -f "$HOME_DIR/node_modules/xapi-statements/dist/index.js" ]; then
        return 0
    fi
    echo "roleplay: installing the test LRS (npm xapi-statements, pinned) into $HOME_DIR (once)…" >&2
    rm -rf "$HOME_DIR"
    mkdir -p "$HOME_DIR"
    cp "$REPO/tests/lrs/package.json" "$REPO/tests/lrs/package-lock.json" "$HOME_DIR/"
    (cd "$HOME_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >npm.log 2>&1) ||
        die "npm ci failed (see $HOME_DIR/npm.log)"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    need_node
    install_lrs
    local port pid log="$HOME_DIR/server.log"
    for _ in 1 2 3; do
        port=$(free_port)
        # in memory, test authentication (any Basic credentials), no Redis, no Mongo
        cd "$HOME_DIR"
        AUTH_REPO=test EVENTS_REPO=test MODELS_REPO=memory STORAGE_REPO=memory \
            EXPRESS_PORT="$port" WINSTON_CONSOLE_LEVEL=error EXPRESS_MORGAN_DIRECTORY="$HOME_DIR/access" \
            SERVICE_AWAIT_UPDATES=true NODE_OPTIONS=--no-deprecation \
            node node_modules/xapi-statements/dist/index.js </dev/null >"$log" 2>&1 &
        pid=$!
        cd "$REPO"
        for _ in $(seq 1 100); do
            if python3 - "$port" <<'PY' 2>/dev/null; then
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/xAPI/about", timeout=1).read()
PY
                echo "ROLEPLAY_TEST_LRS=http://127.0.0.1:$port/xAPI/"
                echo "ROLEPLAY_TEST_LRS_PID=$pid"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$pid" 2>/dev/null || true
    done
    die "the test LRS did not start (see $log)"
}

stop() {
    local pid=${1:?usage: lrs-server.sh stop PID}
    kill "$pid" 2>/dev/null || true
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*) die "usage: scripts/lrs-server.sh start | stop PID" ;;
esac
