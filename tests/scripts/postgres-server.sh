#!/usr/bin/env bash
# A private PostgreSQL server for tests, from Debian's postgresql package, on 127.0.0.1 only.
#   postgres-server.sh start DIR PORT   data in DIR/data, trust authentication, database "sweeps"
#   postgres-server.sh stop DIR         immediate stop (as a crash or power loss would)
#   postgres-server.sh restart DIR PORT start again on the same data
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
# PostgreSQL refuses to run as root; the package's postgres user runs it then.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start() {
  as_postgres "$bin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
    -o "-p $2 -k $1 -c listen_addresses=127.0.0.1" start >/dev/null
}
case "${1:-}" in
  start)
    dir=$2 port=$3
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    start "$dir" "$port"
    as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres sweeps ;;
  restart) start "$2" "$3" ;;
  stop) as_postgres "$bin/pg_ctl" -D "$2/data" -m immediate -w stop >/dev/null ;;
  *) echo "usage: $0 start DIR PORT | restart DIR PORT | stop DIR" >&2; exit 2 ;;
esac
