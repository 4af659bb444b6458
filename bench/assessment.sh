#!/usr/bin/env bash
# Scenario benchmark for issue #4 on SQLite and PostgreSQL, with the built `jiuzhu` binary's `bench assessment`: a
# fresh database with the demo county's regions, 1,000,000 households with one submitted assessment each (encrypted
# answers), then the batch recomputation of every household's score, tier and phase — first with no standings yet,
# then after a new instrument version is published. Goal: a million households within 10 seconds on each engine.
#
#   dotnet build src/Jiuzhu.Web -c Release && bench/assessment.sh [--households N]
#
# Prints one JSON object; figures go to docs/benchmarks.md. Takes about 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres jiuzhu_bench

log "SQLite"
sqlite=$(dotnet "$dll" bench assessment --provider sqlite --database "$work/bench.db" "$@")
log "PostgreSQL"
postgres=$(dotnet "$dll" bench assessment --provider postgres --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=jiuzhu_bench" "$@")
printf '{"scenario":"assessment-batch","date":"%s","machine":%s,"sqlite":%s,"postgres":%s}\n' \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(machine_json)" "$sqlite" "$postgres"
