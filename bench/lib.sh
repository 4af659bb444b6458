# Shared by the scenario benchmark scripts: the built `jiuzhu` binary, a work folder removed at exit, and a throwaway
# PostgreSQL on a free loopback port (default durability settings, fsync on), stopped at exit. Source it after `cd` to
# the repository root; it defines $dll, $work, $port, log, as_pg, machine_json.
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

# The machine the figures were taken on, as a JSON object.
machine_json() {
  local cpu mem pg_version
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  mem=$(free -g | awk '/^Mem:/ {print $2}')
  pg_version=$(as_pg "$pg_bin/postgres" --version | awk '{print $3}')
  printf '{"nproc":%s,"memGiB":%s,"cpu":"%s","postgres":"%s","load":"%s"}' "$(nproc)" "$mem" "$cpu" "$pg_version" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
