#!/usr/bin/env bash
# Scenario benchmark for issue #6 part 4: one synthetic county (100,000 needs, 2,000 providers, 5 items, fixed seed;
# see bench/Jiuzhu.Bench.Matching/SyntheticCounty.cs), solved by (a) greedy nearest-available, (b) OR-Tools
# (three max flows for the priority counts, then SimpleMinCostFlow) over every feasible pair and (c) Jiuzhu's matcher,
# side by side in one process on the same feasible edges. Goal: (c) reaches (b)'s objective at least twice as fast.
#
#   bench/match.sh [--needs N] [--providers P] [--seed S] [--repeat R]
#
# Builds its own project (OR-Tools stays out of the product and out of Jiuzhu.slnx) and prints one JSON object;
# figures go to docs/benchmarks.md. Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { printf '[bench] %s\n' "$*" >&2; }

log "building bench/Jiuzhu.Bench.Matching"
dotnet build bench/Jiuzhu.Bench.Matching -c Release -nologo -v:q >&2
dll=bench/Jiuzhu.Bench.Matching/bin/Release/net10.0/linux-x64/Jiuzhu.Bench.Matching.dll
log "running"
result=$(dotnet "$dll" "$@")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
machine=$(printf '{"nproc":%s,"memGiB":%s,"cpu":"%s","dotnet":"%s","load":"%s"}' \
  "$(nproc)" "$(free -g | awk '/^Mem:/ {print $2}')" "$cpu" "$(dotnet --version)" "$(cut -d' ' -f1-3 /proc/loadavg)")
printf '{"scenario":"match","date":"%s","machine":%s,"result":%s}\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$machine" "$result"
