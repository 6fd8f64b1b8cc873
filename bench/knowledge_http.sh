#!/usr/bin/env bash
# The knowledge exchange through HTTP (issue 13): its lists, a project's and
# an experience's page (each with "similar projects" from the index), the
# search page with "Wen fragen?", and the API list, on a release server with
# the demo data, anonymous (the page cache answers repeated addresses) and
# signed in as a platform admin (every request is built with the person's
# eyes), 50 connections.
#
#   bash bench/knowledge_http.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-18187}
# shellcheck source=bench/lib.sh
source bench/lib.sh
DB=(--db "$OUT/bench.sqlite")
$BIN "${DB[@]}" demo >/dev/null 2>&1
BASE="http://127.0.0.1:$PORT"

serve_signed_in bench@knotenpunkt.example
# The first search waits for the index to be built.
curl -sf -o /dev/null "$BASE/suche?q=Sensoren"

load() { wrk_load "$CONNECTIONS" "$@"; } # url [header] → "p50 p99 req/s"

printf '| request (SQLite, demo data, %s connections) | p50 | p99 | req/s |\n|---|---|---|---|\n' "$CONNECTIONS"
for path in "/projekte" "/erfahrungen" "/projekte/smart-city-living-lab" "/erfahrungen/2" \
            "/suche?q=Sensoren" "/organisationen/kaiserslautern" "/api/v1/experiences"; do
  for who in anonymous "signed in"; do
    if [ "$who" = anonymous ]; then read -r p50 p99 rps < <(load "$BASE$path")
    else read -r p50 p99 rps < <(load "$BASE$path" "Cookie: kp_session=$cookie"); fi
    printf '| `%s`, %s | %.2f ms | %.2f ms | %s |\n' "$path" "$who" "$p50" "$p99" "$rps"
  done
done
echo >&2
echo "machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores; $(date -u +%F); commit $(git rev-parse --short HEAD)" >&2
