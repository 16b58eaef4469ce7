#!/usr/bin/env bash
# Concurrent syncs: 2, 3 and 5 syncs of the same 56 findings started together against the loopback simulator, each
# with its own client and lock as on separate machines; prints duplicates created and reported as a Markdown table.
# Usage: bench/run-concurrent-sync-benchmark.sh [--findings 56] [--runs 2,3,5] [--trials 5] [--latency 50ms]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
build=(mvn -q -DskipPlugin -Pbench -pl bench -am package -DskipTests)
"${build[0]}" -o "${build[@]:1}" >&2 || "${build[@]}" >&2
classpath="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
exec java -Xmx1g -Dsun.net.httpserver.nodelay=true -cp "$classpath" \
  io.jenkins.plugins.adoworkitems.bench.ConcurrentSyncBenchmark --samples "$root/../shared/samples" "$@"
