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
source bench/lib.sh

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
printf '{"scenario":"regions-import","date":"%s","machine":%s,' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(machine_json)"
printf '"sqlite":{"first":%s,"rerun":%s},"postgres":{"first":%s,"rerun":%s}}\n' "$sqlite_first" "$sqlite_rerun" "$pg_first" "$pg_rerun"
