#!/usr/bin/env bash
# Signed-in benchmark (issue 5): what accounts cost. An anonymous visitor gets
# the network page from the rendered-page cache; a signed-in person cannot
# (the page may hold what only they may see), so every request looks up the
# session, builds the person's rights and renders the page with their eyes.
# This measures both on the synthetic directory of bench/directory.sh
# (11,000 municipalities, `netz-000` with 500 members), on SQLite, plus a
# sign-in (argon2id) for scale.
#
#   bash bench/signed_in.sh
#
# Needs wrk (Debian package `wrk`; installed if missing and apt is usable).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-18182}
# shellcheck source=bench/lib.sh
source bench/lib.sh
DB=(--db "$OUT/bench.sqlite")
$BIN "${DB[@]}" import "$OUT/synth.json" >/dev/null 2>&1
BASE="http://127.0.0.1:$PORT"

serve_signed_in bench@knotenpunkt.example
page=$(curl -sf -H "Cookie: kp_session=$cookie" "$BASE/netzwerke/netz-000")
grep -q '>Bench<' <<<"$page" || { echo "the signed-in page does not show the person" >&2; exit 1; }

load() { wrk_load "$CONNECTIONS" "$@"; } # url [header] → "p50 p99 req/s"

printf '| request (SQLite, %s connections) | p50 | p99 | req/s |\n|---|---|---|---|\n' "$CONNECTIONS"
for row in "network page, anonymous (cached)|$BASE/netzwerke/netz-000|" \
           "network page, signed in|$BASE/netzwerke/netz-000|Cookie: kp_session=$cookie" \
           "start page, anonymous (cached)|$BASE/|" \
           "start page, signed in|$BASE/|Cookie: kp_session=$cookie" \
           "own account page|$BASE/konto|Cookie: kp_session=$cookie"; do
  IFS='|' read -r name url header <<<"$row"
  if [ -n "$header" ]; then read -r p50 p99 rps < <(load "$url" "$header")
  else read -r p50 p99 rps < <(load "$url"); fi
  printf '| %s | %.2f ms | %.2f ms | %s |\n' "$name" "$p50" "$p99" "$rps"
done

# One sign-in is one argon2id hash (19 MiB, 2 passes): deliberately slow.
t0=$(date +%s%3N)
for _ in 1 2 3 4 5; do
  curl -s -o /dev/null -d "email=bench@knotenpunkt.example&password=bench-password-long" "$BASE/anmelden"
done
t1=$(date +%s%3N)
printf '| sign-in (argon2id), sequential, mean of 5 | %d ms | | |\n' $(( (t1 - t0) / 5 ))
echo >&2
echo "machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores; $(date -u +%F)" >&2
