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
