#!/usr/bin/env bash
# Search benchmark (issue 13): 50,000 synthetic German experiences in an
# on-disk index. Prints the full rebuild time, the index size, search
# latency (p50/p99) with 50 concurrent searchers (a third of them members of
# a network, so the audience filter is exercised) and the peak memory of the
# process (VmHWM).
#
#   bash bench/search.sh                  # 50,000 documents, 50 searchers, 200 searches each
#   bash bench/search.sh 100000 50 100    # other sizes: DOCS SEARCHERS SEARCHES_EACH
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building (release) …" >&2
cargo build --release -q -p knotenpunkt-search --example load
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
echo "commit: $(git rev-parse --short HEAD)"
target/release/examples/load "${1:-50000}" "${2:-50}" "${3:-200}"
