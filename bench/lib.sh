# Shared set-up of the HTTP benchmarks; sourced, not run. Leaves $OUT (a
# temporary folder, removed on exit with the server $SERVER), $BIN (the
# release binary) and $OUT/synth.json (the synthetic directory), and defines
# ms (wrk's latency as milliseconds).

OUT=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$OUT"' EXIT

command -v wrk >/dev/null || { echo "installing wrk …" >&2; apt-get install -y wrk >/dev/null; }

echo "building (release) …" >&2
cargo build --release -q -p knotenpunkt --bin knotenpunkt --example synth_directory
BIN=target/release/knotenpunkt
target/release/examples/synth_directory > "$OUT/synth.json"
echo "synthetic directory: $(du -h "$OUT/synth.json" | cut -f1)" >&2

# wrk prints "50%  1.23ms"; normalise to milliseconds.
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else if (v ~ /s$/) { sub(/s$/, "", v); print v*1000 } else print v }'; }

# Starts the release server on "${DB[@]}" at $BASE (port $PORT) with a first
# admin, made the way an operator makes one, who has set a password through
# the invitation link; leaves $SERVER and $cookie (the admin's session).
serve_signed_in() { # email
  local link
  link=$($BIN "${DB[@]}" --public-url "$BASE" admin create --email "$1" --name Bench 2>/dev/null | tail -1)
  $BIN "${DB[@]}" --public-url "$BASE" serve --bind "127.0.0.1:$PORT" 2>"$OUT/serve.log" &
  SERVER=$!
  until curl -sf "$BASE/readyz" >/dev/null; do sleep 0.01; done
  curl -sf -o /dev/null -c "$OUT/jar" -d "password=bench-password-long&password_repeat=bench-password-long" \
    "$BASE/einladung/${link##*/}" || { echo "could not accept the invitation" >&2; exit 1; }
  cookie=$(awk '$6 == "kp_session" {print $7}' "$OUT/jar")
  [ -n "$cookie" ] || { echo "no session cookie" >&2; exit 1; }
}

# wrk on one address for $DURATION: "p50 p99 req/s" (milliseconds); any
# answer that is not 2xx fails the benchmark.
wrk_load() { # connections url [header]
  local c=$1 url=$2 out
  if [ $# -gt 2 ]; then out=$(wrk -t2 -c"$c" -d"$DURATION" --latency -H "$3" "$url")
  else out=$(wrk -t2 -c"$c" -d"$DURATION" --latency "$url"); fi
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers for $url" >&2; echo "$out" >&2; exit 1; fi
  echo "$(ms "$(echo "$out" | awk '$1 == "50%" {print $2}')") $(ms "$(echo "$out" | awk '$1 == "99%" {print $2}')") $(echo "$out" | awk '/Requests\/sec/ {print $2}')"
}
