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
source bench/lib.sh
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres jiuzhu_bench

log "SQLite"
sqlite=$(dotnet "$dll" bench registry --provider sqlite --database "$work/bench.db" "$@")
log "PostgreSQL"
postgres=$(dotnet "$dll" bench registry --provider postgres --connection "Host=127.0.0.1;Port=$port;Username=postgres;Database=jiuzhu_bench" "$@")
printf '{"scenario":"registry","date":"%s","machine":%s,' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(machine_json)"
printf '"sqlite":%s,"postgres":%s}\n' "$sqlite" "$postgres"
