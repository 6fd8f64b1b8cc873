#!/usr/bin/env bash
# Registrations benchmark (issue 14): 2,000 registrations for an event with
# 100 seats arrive through the JSON API of a release server as fast as 100
# clients can send them; afterwards exactly 100 must be seated and 1,900
# waiting in the order they arrived, none lost or doubled. Prints the
# registrations' latency as a Markdown row.
#
#   bash bench/registrations.sh                      # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench bash bench/registrations.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18189}
BASE="http://127.0.0.1:$PORT"
OUT=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$OUT"' EXIT

echo "building (release) …" >&2
cargo build --release -q -p knotenpunkt --bin knotenpunkt
BIN=target/release/knotenpunkt
if [ -n "${DATABASE_URL:-}" ]; then
  db_name=${DATABASE_URL##*/}
  psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS $db_name" -c "CREATE DATABASE $db_name" >/dev/null
  DB=(--database-url "$DATABASE_URL")
  backend=PostgreSQL
else
  DB=(--db "$OUT/bench.sqlite")
  backend=SQLite
fi

# A network of its own for the event.
cat > "$OUT/dir.json" <<'JSON'
{"format": "knotenpunkt-directory", "version": 1,
 "organizations": [{"slug": "bench-stadt", "name": "Benchstadt", "kind": "municipality", "states": ["RP"]}],
 "networks": [{"slug": "bench-netz", "name": "Benchnetz", "description": "Benchmark", "visibility": "public"}],
 "cohorts": [], "memberships": [{"organization": "bench-stadt", "network": "bench-netz", "role": "member"}],
 "cooperations": []}
JSON
$BIN "${DB[@]}" import "$OUT/dir.json" >/dev/null
link=$($BIN "${DB[@]}" --public-url "$BASE" admin create --email bench@knotenpunkt.example --name Bench 2>/dev/null | tail -1)
$BIN "${DB[@]}" --public-url "$BASE" serve --bind "127.0.0.1:$PORT" 2>"$OUT/serve.log" &
SERVER=$!
until curl -sf "$BASE/readyz" >/dev/null; do sleep 0.05; done
curl -sf -o /dev/null -c "$OUT/jar" -d "password=bench-password-long&password_repeat=bench-password-long" \
  "$BASE/einladung/${link##*/}" || { echo "could not accept the invitation" >&2; exit 1; }
page=$(curl -sf -b "$OUT/jar" "$BASE/konto")
csrf=$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
token=$(curl -sf -b "$OUT/jar" --data-urlencode "csrf=$csrf" -d "name=bench&scope=write" "$BASE/konto/tokens" \
  | grep -o '<code class="secret">[^<]*' | sed 's/.*>//')
[ -n "$token" ] || { echo "no API token" >&2; exit 1; }

echo "| $backend: registrations | took (rate) | p50 | p99 | max | result |"
echo "|---|---|---|---|---|---|"
BASE=$BASE TOKEN=$token python3 bench/registrations.py
echo
echo "machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores; $(date -u +%F); commit $(git rev-parse --short HEAD)"
