#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server's tests, on 127.0.0.1.
#
#   bash scripts/pg.sh start   # initdb in a temp dir, start, print the URL
#   bash scripts/pg.sh url     # print the URL
#   bash scripts/pg.sh stop    # stop and delete the cluster
#
# The port is 55432 (PAINSCHOOL_PG_PORT to change it). As root (CI) the
# cluster runs as the `postgres` user; otherwise as the current user.
# Durability is as in production: fsync and synchronous_commit on, with the
# stock commit_delay (0): the server groups its commits itself (ADR 0008).
# PAINSCHOOL_PG_OPTS adds server options (e.g. "-c log_lock_waits=on").
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PAINSCHOOL_PG_PORT:-55432}
state=target/pg-cluster-$port # holds the cluster's directory
url="postgres://postgres@127.0.0.1:$port/postgres"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "pg.sh: PostgreSQL is not installed (bash scripts/deps.sh installs it)" >&2
  exit 1
fi

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

running() {
  [ -f "$state" ] && as_pg "'$bin/pg_ctl' -D '$(cat "$state")/data' status" >/dev/null 2>&1
}

case "${1:-}" in
  start)
    if running; then
      echo "$url"
      exit 0
    fi
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
      echo "pg.sh: something else already listens on 127.0.0.1:$port (set PAINSCHOOL_PG_PORT)" >&2
      exit 1
    fi
    mkdir -p target
    dir=$(mktemp -d /tmp/painschool-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
    as_pg "'$bin/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync" \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
    opts="$opts -c fsync=on -c synchronous_commit=on ${PAINSCHOOL_PG_OPTS:-}"
    echo "$dir" >"$state"
    as_pg "'$bin/pg_ctl' -D '$dir/data' -o '$opts' -l '$dir/log' -w -t 60 start" >/dev/null \
      || { cat "$dir/log" >&2; exit 1; }
    echo "$url"
    ;;
  url)
    echo "$url"
    ;;
  stop)
    if [ -f "$state" ]; then
      dir=$(cat "$state")
      as_pg "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
      rm -rf "$dir" "$state"
    fi
    ;;
  *)
    echo "usage: $0 start|url|stop" >&2
    exit 2
    ;;
esac
