#!/usr/bin/env bash
# Search through HTTP (issue 13): the search page and API of a release
# server on the synthetic directory of bench/lib.sh (11,000 municipalities,
# 200 networks; about 11,200 documents in the index), anonymous (the page
# cache answers repeated addresses) and signed in (every request searches
# with the person's eyes), 50 connections.
#
#   bash bench/search_http.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-18186}
# shellcheck source=bench/lib.sh
source bench/lib.sh
DB=(--db "$OUT/bench.sqlite")
$BIN "${DB[@]}" import "$OUT/synth.json" >/dev/null 2>&1
BASE="http://127.0.0.1:$PORT"

serve_signed_in bench@knotenpunkt.example
# The first search waits for the index; measure from the second on.
t0=$(date +%s%3N)
curl -sf -o /dev/null "$BASE/api/v1/search?q=Gemeinde"
t1=$(date +%s%3N)
hits=$(curl -sf "$BASE/api/v1/search?q=Bayern" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "first search after start: $((t1 - t0)) ms; 'Bayern' finds $hits" >&2

load() { wrk_load "$CONNECTIONS" "$@"; } # url [header] → "p50 p99 req/s"

printf '| request (SQLite, %s connections) | p50 | p99 | req/s |\n|---|---|---|---|\n' "$CONNECTIONS"
for row in "search page „Bayern“, anonymous (cached)|$BASE/suche?q=Bayern|" \
           "search page „Bayern“, signed in|$BASE/suche?q=Bayern|Cookie: kp_session=$cookie" \
           "API „Bayern“, signed in|$BASE/api/v1/search?q=Bayern|Cookie: kp_session=$cookie" \
           "search page „Gemeinde 00042“, signed in|$BASE/suche?q=Gemeinde+00042|Cookie: kp_session=$cookie" \
           "search page „Gemeinde“ (11,000 hits), signed in|$BASE/suche?q=Gemeinde|Cookie: kp_session=$cookie"; do
  IFS='|' read -r name url header <<<"$row"
  if [ -n "$header" ]; then read -r p50 p99 rps < <(load "$url" "$header")
  else read -r p50 p99 rps < <(load "$url"); fi
  printf '| %s | %.2f ms | %.2f ms | %s |\n' "$name" "$p50" "$p99" "$rps"
done
echo >&2
echo "machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores; $(date -u +%F); commit $(git rev-parse --short HEAD)" >&2
