#!/usr/bin/env bash
# Pages benchmark (issue 11): what a member pays against a visitor. In one
# run, on SQLite and on PostgreSQL, on the demo directory and on the
# synthetic one of bench/directory.sh (11,000 municipalities, `netz-000` with
# 500 members): the start page, a network page and an organisation page,
# anonymously (served from the page cache) and signed in (the session is
# resolved, the person's rights built and the page rendered with their
# eyes), each with wrk at 50 and at 200 connections.
#
#   bash bench/pages.sh                              # this tree, release build
#   KNOTENPUNKT_BIN=/path/to/knotenpunkt LABEL=before bash bench/pages.sh
#   BACKENDS=sqlite DATA=demo CONNECTIONS="200" DURATION=5s bash bench/pages.sh
#
# Prints one Markdown table row per measurement:
#   | label | backend | data | page | who | connections | p50 | p99 | req/s |
# Needs wrk (Debian package `wrk`; installed if missing and apt is usable) and,
# for PostgreSQL, a server on 127.0.0.1:5432 with trust auth.
set -euo pipefail
cd "$(dirname "$0")/.."

BACKENDS=${BACKENDS:-"sqlite postgres"}
CONNECTIONS=${CONNECTIONS:-"50 200"}
DURATION=${DURATION:-5s}
PORT=${PORT:-18183}
LABEL=${LABEL:-after}
DATA=${DATA:-"demo synthetic"}
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/test}

OUT=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$OUT"' EXIT
command -v wrk >/dev/null || { echo "installing wrk …" >&2; apt-get install -y wrk >/dev/null; }

if [ -z "${KNOTENPUNKT_BIN:-}" ]; then
  echo "building (release) …" >&2
  cargo build --release -q -p knotenpunkt --bin knotenpunkt --example synth_directory
  KNOTENPUNKT_BIN=target/release/knotenpunkt
fi
SYNTH=${SYNTH_BIN:-target/release/examples/synth_directory}
[ -x "$SYNTH" ] || cargo build --release -q -p knotenpunkt --example synth_directory
"$SYNTH" > "$OUT/synth.json"
BIN=$KNOTENPUNKT_BIN
BASE="http://127.0.0.1:$PORT"

# wrk prints "50%  1.23ms"; normalise to milliseconds.
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v*1000 } else print v }'; }

load() { # connections url [header] → "p50 p99 req/s"
  local c=$1 url=$2 out
  if [ $# -gt 2 ]; then out=$(wrk -t2 -c"$c" -d"$DURATION" --latency -H "$3" "$url")
  else out=$(wrk -t2 -c"$c" -d"$DURATION" --latency "$url"); fi
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers for $url" >&2; echo "$out" >&2; exit 1; fi
  echo "$(ms "$(echo "$out" | awk '$1 == "50%" {print $2}')") $(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')") $(echo "$out" | awk '/Requests\/sec/ {print $2}')"
}

database() { # backend name → the CLI's database arguments, on a fresh database
  case $1 in
    sqlite) rm -f "$OUT/$2".sqlite*; echo "--db $OUT/$2.sqlite" ;;
    postgres)
      psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS kp_pages_$2 WITH (FORCE)" -c "CREATE DATABASE kp_pages_$2" >/dev/null
      echo "--database-url ${PG_ADMIN%/*}/kp_pages_$2" ;;
    *) echo "unknown backend $1" >&2; exit 2 ;;
  esac
}

printf '| label | backend | data | page | who | connections | p50 | p99 | req/s |\n|---|---|---|---|---|---|---|---|---|\n'
for backend in $BACKENDS; do
  for data in $DATA; do
    read -r -a DB <<<"$(database "$backend" "$data")"
    if [ "$data" = demo ]; then
      $BIN "${DB[@]}" demo >/dev/null 2>&1
      pages="start|/ network|/netzwerke/modellprojekte-smart-cities organisation|/organisationen/kaiserslautern"
    else
      $BIN "${DB[@]}" import "$OUT/synth.json" >/dev/null 2>&1
      pages="start|/ network|/netzwerke/netz-000 organisation|/organisationen/gemeinde-00000"
    fi
    email="bench-$data@knotenpunkt.example"
    link=$($BIN "${DB[@]}" --public-url "$BASE" admin create --email "$email" --name Bench 2>/dev/null | tail -1)
    $BIN "${DB[@]}" --public-url "$BASE" serve --bind "127.0.0.1:$PORT" 2>"$OUT/serve.log" &
    SERVER=$!
    until curl -sf "$BASE/readyz" >/dev/null; do sleep 0.05; done
    curl -sf -o /dev/null -c "$OUT/jar" -d "password=bench-password-long&password_repeat=bench-password-long" \
      "$BASE/einladung/${link##*/}" || { echo "could not accept the invitation" >&2; exit 1; }
    cookie=$(awk '$6 == "kp_session" {print $7}' "$OUT/jar")
    [ -n "$cookie" ] || { echo "no session cookie" >&2; exit 1; }
    # Into a variable first: grep -q stops reading early, and curl writing
    # into the closed pipe would fail the pipeline on a large page.
    start=$(curl -sf -H "Cookie: kp_session=$cookie" "$BASE/")
    grep -q '>Bench<' <<<"$start" || { echo "the signed-in page does not show the person" >&2; exit 1; }
    for entry in $pages; do
      page=${entry%%|*}; path=${entry#*|}
      for c in $CONNECTIONS; do
        read -r p50 p99 rps < <(load "$c" "$BASE$path")
        printf '| %s | %s | %s | %s | anonymous | %s | %.2f ms | %.2f ms | %s |\n' "$LABEL" "$backend" "$data" "$page" "$c" "$p50" "$p99" "$rps"
        read -r p50 p99 rps < <(load "$c" "$BASE$path" "Cookie: kp_session=$cookie")
        printf '| %s | %s | %s | %s | signed in | %s | %.2f ms | %.2f ms | %s |\n' "$LABEL" "$backend" "$data" "$page" "$c" "$p50" "$p99" "$rps"
      done
    done
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
    SERVER=
  done
done
echo "machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores; $(date -u +%F)" >&2
