#!/usr/bin/env bash
# Adds a migration with the same name to both provider sets: scripts/new-migration.sh AddCases
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/new-migration.sh <MigrationName>}"
dotnet tool restore >/dev/null
for p in Sqlite Postgres; do
  dotnet dotnet-ef migrations add "$name" \
    --project "src/Jiuzhu.Migrations.$p" --startup-project "src/Jiuzhu.Migrations.$p" \
    --context JiuzhuDbContext --output-dir Migrations
done
