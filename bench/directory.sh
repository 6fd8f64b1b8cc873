#!/usr/bin/env bash
# Directory benchmark (issue 2): a synthetic directory of 11,000 municipalities
# in 200 networks, served from SQLite and from PostgreSQL. Reports import time,
# start-up time, resident memory at idle and after load, and latency/throughput
# of the network page (500 members) and the organisation list API under 200
# concurrent connections from wrk on loopback.
#
#   bash bench/directory.sh            # both backends
#   BACKENDS=sqlite bash bench/directory.sh
#
# Needs wrk (Debian package `wrk`; installed if missing and apt is usable) and,
# for PostgreSQL, a server on 127.0.0.1:5432 with trust auth.
set -euo pipefail
cd "$(dirname "$0")/.."

BACKENDS=${BACKENDS:-"sqlite postgres"}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-200}
PORT=${PORT:-18181}
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/test}
# shellcheck source=bench/lib.sh
source bench/lib.sh

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
now_ms() { date +%s%3N; }


load() { # url → "p50 p99 req/s errors"
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1")
  local p50 p99 rps errs
  p50=$(ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
  p99=$(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  errs=$(echo "$out" | awk '/Non-2xx/ {print $5}'); errs=${errs:-0}
  echo "$p50 $p99 $rps $errs"
}

printf '| backend | import 11,000 orgs | start-up to ready | RSS idle | RSS after load | network page (500 members) p50 / p99 / req/s | org list API p50 / p99 / req/s |\n'
printf '|---|---|---|---|---|---|---|\n'
for backend in $BACKENDS; do
  case $backend in
    sqlite)
      rm -f "$OUT"/bench.sqlite*
      DB=(--db "$OUT/bench.sqlite") ;;
    postgres)
      psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS kp_bench WITH (FORCE)" -c "CREATE DATABASE kp_bench"
      DB=(--database-url "${PG_ADMIN%/*}/kp_bench") ;;
    *) echo "unknown backend $backend" >&2; exit 2 ;;
  esac
  t0=$(now_ms); $BIN "${DB[@]}" import "$OUT/synth.json" >/dev/null 2>&1; t1=$(now_ms)
  import_ms=$((t1 - t0))

  t0=$(now_ms)
  $BIN "${DB[@]}" --log-format json serve --bind "127.0.0.1:$PORT" 2>"$OUT/serve.log" &
  SERVER=$!
  until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.01; done
  t1=$(now_ms); startup_ms=$((t1 - t0))
  sleep 1
  idle=$(rss_kb "$SERVER")
  page=$(curl -sf "http://127.0.0.1:$PORT/netzwerke/netz-000")
  members=$(grep -o 'Gemeinde [0-9]*' <<<"$page" | sort -u | wc -l)
  [ "$members" -ge 500 ] || { echo "network page shows $members members, expected 500" >&2; exit 1; }
  read -r np50 np99 nrps nerr < <(load "http://127.0.0.1:$PORT/netzwerke/netz-000")
  read -r ap50 ap99 arps aerr < <(load "http://127.0.0.1:$PORT/api/v1/organizations?state=RP&limit=50&offset=100")
  after=$(rss_kb "$SERVER")
  kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=
  [ "$nerr" = 0 ] && [ "$aerr" = 0 ] || echo "warning: non-2xx answers: $nerr / $aerr" >&2
  printf '| %s | %d ms | %d ms | %.1f MB | %.1f MB | %.2f / %.2f ms / %s | %.2f / %.2f ms / %s |\n' \
    "$backend" "$import_ms" "$startup_ms" "$(echo "$idle/1024" | bc -l)" "$(echo "$after/1024" | bc -l)" \
    "$np50" "$np99" "$nrps" "$ap50" "$ap99" "$arps"
done
echo >&2
echo "machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores; $(date -u +%F)" >&2
echo "load: wrk -t2 -c$CONNECTIONS -d$DURATION on the same machine (client and server share the cores)" >&2
