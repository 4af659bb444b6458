#!/usr/bin/env bash
# Scenario benchmark for issue #2: imports the national division list (665,276 rows) into a fresh SQLite file and a
# fresh PostgreSQL database with the built `jiuzhu` binary, then imports it again (the idempotent re-run), and prints
# one JSON object with the seconds of each run. Goal: each run well under 60 s.
#
#   dotnet build src/Jiuzhu.Web -c Release && bench/regions-import.sh [divisions-folder]
#
# "seconds" is what the importer reports (reading, validating and writing); "wallSeconds" is the whole command,
# including process start and migrating the empty database. PostgreSQL runs throwaway on a free loopback port with
# its default durability settings (fsync on), and is stopped at the end. Figures go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
divisions=$(realpath "${1:-../shared/data/divisions}")
dll=src/Jiuzhu.Web/bin/Release/net10.0/jiuzhu.dll
[ -f "$dll" ] || { echo "build first: dotnet build src/Jiuzhu.Web -c Release" >&2; exit 2; }
dll=$(realpath "$dll")

work=$(mktemp -d /tmp/jiuzhu-bench.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
pg_started=0
log() { printf '[bench] %s\n' "$*" >&2; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ "$pg_started" = 1 ]; then as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
port=56432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
mkdir -p "$pg_data"
[ "$(id -u)" = 0 ] && chown postgres "$pg_data"
log "starting PostgreSQL on 127.0.0.1:$port"
as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_data" start >/dev/null
pg_started=1

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# One import; prints the importer's JSON line with the command's wall time added.
run() {
  local start end line
  start=$(date +%s.%N)
  line=$(cd "$work" && dotnet "$dll" regions import --dir "$divisions")
  end=$(date +%s.%N)
  printf '%s' "${line%\}}" | tr -d '\n'
  awk -v s="$start" -v e="$end" 'BEGIN { printf ",\"wallSeconds\":%.2f}", e - s }'
}

log "SQLite: first import"
export Database__Provider=Sqlite Database__SqlitePath="$work/bench.db"
sqlite_first=$(run)
log "SQLite: re-run"
sqlite_rerun=$(run)

log "PostgreSQL: first import"
export Database__Provider=Postgres Database__ConnectionString="Host=127.0.0.1;Port=$port;Username=postgres;Database=jiuzhu_bench"
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres jiuzhu_bench
pg_first=$(run)
log "PostgreSQL: re-run"
pg_rerun=$(run)
pg_version=$(as_pg "$pg_bin/postgres" --version | awk '{print $3}')

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(free -g | awk '/^Mem:/ {print $2}')
printf '{"scenario":"regions-import","date":"%s","machine":{"nproc":%s,"memGiB":%s,"cpu":"%s","postgres":"%s"},' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$mem" "$cpu" "$pg_version"
printf '"sqlite":{"first":%s,"rerun":%s},"postgres":{"first":%s,"rerun":%s}}\n' "$sqlite_first" "$sqlite_rerun" "$pg_first" "$pg_rerun"
