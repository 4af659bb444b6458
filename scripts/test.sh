#!/usr/bin/env bash
# The one test command: installs what is missing (on Debian), starts a throwaway PostgreSQL,
# builds, runs every test project against SQLite and PostgreSQL and in Chromium, stops what it
# started, and ends with "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
config=${CONFIGURATION:-Release}
work=$(mktemp -d /tmp/jiuzhu-test.XXXXXX)
chmod 755 "$work"
results="$work/results"
mkdir -p "$results"
pg_data="$work/pg"
pg_started=0

log() { printf '[test.sh] %s\n' "$*" >&2; }

cleanup() {
  if [ "$pg_started" = 1 ]; then
    log "stopping PostgreSQL"
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- 1. What the tests need from the machine -----------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    log "missing ${need[*]} and cannot install them (need root on Debian)"
    exit 2
  fi
fi

# --- 2. A throwaway PostgreSQL on a free loopback port ---------------------------------------------
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
mkdir -p "$pg_data"
[ "$(id -u)" = 0 ] && chown postgres "$pg_data"
log "starting PostgreSQL on 127.0.0.1:$port"
as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null || { log "initdb failed"; exit 2; }
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { log "PostgreSQL did not start"; cat "$pg_data/server.log" >&2; exit 2; }
pg_started=1
export JIUZHU_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"

# --- 3. Build and test -------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
log "building ($config)"
if ! dotnet build Jiuzhu.slnx -c "$config" -nologo -v:q; then
  log "build failed"
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

status=0
for project in tests/Jiuzhu.Tests tests/Jiuzhu.IntegrationTests tests/Jiuzhu.E2E; do
  ls "$project"/*.csproj >/dev/null 2>&1 || continue
  name=$(basename "$project")
  log "running $name"
  dotnet test "$project" -c "$config" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

# --- 4. Summary ------------------------------------------------------------------------------------
passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get executed)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$status" = 0 ] && [ "$failed" = 0 ]
