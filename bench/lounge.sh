#!/usr/bin/env bash
# Lounge benchmark (issue 12): Knotenpunkt's draws against a random shuffle
# over a simulated year and half year, and the time of one draw for 200
# participants with three years of history — all through the JSON API of a
# release server on a fresh SQLite database.
#
#   bash bench/lounge.sh                 # build, run, print Markdown
#   SEED=7 bash bench/lounge.sh          # another presence pattern
#   KNOTENPUNKT_BIN=/path/to/knotenpunkt bash bench/lounge.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18185}
BASE="http://127.0.0.1:$PORT"
OUT=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$OUT"' EXIT

if [ -z "${KNOTENPUNKT_BIN:-}" ]; then
  echo "building (release) …" >&2
  cargo build --release -q -p knotenpunkt --bin knotenpunkt
  KNOTENPUNKT_BIN=target/release/knotenpunkt
fi
BIN=$KNOTENPUNKT_BIN
DB=(--db "$OUT/lounge.sqlite")

# The directory: 73 projects in cohorts of 13, 32 and 28; and 200 more in a
# second network for the timing.
python3 - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
orgs, members, cohorts, small, big = [], [], [], {}, {}
def network(slugs, prefix, sizes, into):
    for c, n in enumerate(sizes, 1):
        for i in range(n):
            o = f"{prefix}-{c}-{i:03d}"
            orgs.append({"slug": o, "name": f"Projekt {c}-{i:03d}", "kind": "municipality", "states": ["RP"]})
            into[o] = f"staffel-{c}"
            for slug in slugs:
                members.append({"organization": o, "network": slug, "cohort": f"staffel-{c}", "role": "member"})
    for slug in slugs:
        for c in range(1, len(sizes) + 1):
            cohorts.append({"network": slug, "slug": f"staffel-{c}", "name": f"Staffel {c}", "year": 2018 + c})
# The year and the half year each in a network of their own: encounters
# count per network, so neither sees the other's history.
network(["bench-jahr", "bench-halbjahr"], "p", [13, 32, 28], small)
network(["bench-gross"], "g", [70, 70, 60], big)
nets = [{"slug": s, "name": s, "description": "Benchmark", "visibility": "public"}
        for s in ("bench-jahr", "bench-halbjahr", "bench-gross")]
json.dump({"format": "knotenpunkt-directory", "version": 1, "organizations": orgs, "networks": nets,
           "cohorts": cohorts, "memberships": members, "cooperations": []}, open(f"{out}/dir.json", "w"))
json.dump(small, open(f"{out}/small.json", "w"))
json.dump(big, open(f"{out}/big.json", "w"))
EOF
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

BASE=$BASE TOKEN=$token ORGS=$(cat "$OUT/small.json") BIG_ORGS=$(cat "$OUT/big.json") \
  python3 bench/lounge.py
echo
echo "machine: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'), $(nproc) cores; $(date -u +%F)"
