#!/usr/bin/env bash
# Scenario benchmark for issue #3 on SQLite and PostgreSQL, with the built `jiuzhu` binary's `bench registry`:
#   (a) a fresh database with the demo county's regions (五莲县, 561 villages) and synthetic households of about
#       1,000,000 persons (≈423,000 households, DemoPopulation), written with the bulk writer;
#   (b) household search (HouseholdQueries.SearchAsync) for typical queries and the household page (GetAsync), each run
#       20 times after two warm-up runs, as a county officer: median and p95 in milliseconds;
#   (c) 100,000 more households imported through the importer from a CSV file, against writing the same, already
#       encrypted rows with the engine's bulk path alone (the baseline), in the same run on the same database.
# Prints one JSON object. Goal: every search and the household page well under a second.
#
#   dotnet build src/Jiuzhu.Web -c Release && bench/registry.sh [--persons N] [--import-households N] [--repeat N]
#
# PostgreSQL runs throwaway on a free loopback port with its default durability settings (fsync on), and is stopped at
# the end; the SQLite file is temporary. Takes 20–30 minutes on 2 cores. Figures go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
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
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres jiuzhu_bench

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "SQLite"
sqlite=$(dotnet "$dll" bench registry --provider sqlite --database "$work/bench.db" "$@")
log "PostgreSQL"
postgres=$(dotnet "$dll" bench registry --provider postgres --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=jiuzhu_bench" "$@")
pg_version=$(as_pg "$pg_bin/postgres" --version | awk '{print $3}')

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(free -g | awk '/^Mem:/ {print $2}')
printf '{"scenario":"registry","date":"%s","machine":{"nproc":%s,"memGiB":%s,"cpu":"%s","postgres":"%s","load":"%s"},' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$mem" "$cpu" "$pg_version" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '"sqlite":%s,"postgres":%s}\n' "$sqlite" "$postgres"
