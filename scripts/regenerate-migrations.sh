#!/usr/bin/env bash
# Before the first release only: rebuilds both migration sets from the current model as "Initial" plus the
# hand-written "AuditAppendOnly" triggers, so the history stays one clean step per provider.
set -euo pipefail
cd "$(dirname "$0")/.."
keep=$(mktemp -d)
cp src/Jiuzhu.Migrations.Sqlite/Migrations/*_AuditAppendOnly.cs "$keep/sqlite.cs"
cp src/Jiuzhu.Migrations.Postgres/Migrations/*_AuditAppendOnly.cs "$keep/postgres.cs"
rm -f src/Jiuzhu.Migrations.Sqlite/Migrations/* src/Jiuzhu.Migrations.Postgres/Migrations/*
scripts/new-migration.sh Initial
scripts/new-migration.sh AuditAppendOnly
cp "$keep/sqlite.cs" src/Jiuzhu.Migrations.Sqlite/Migrations/*_AuditAppendOnly.cs
cp "$keep/postgres.cs" src/Jiuzhu.Migrations.Postgres/Migrations/*_AuditAppendOnly.cs
rm -rf "$keep"
