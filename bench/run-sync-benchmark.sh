#!/usr/bin/env bash
# Sync benchmark: syncs N findings (made from ../shared/samples/trivy and sarif) to the loopback simulator with
# latency and a rate limit, first run and re-run, with our sync engine and with a naive lookup-and-create loop;
# prints a Markdown table. Progress goes to stderr.
# Usage: bench/run-sync-benchmark.sh [--sizes 1000,10000] [--latency 50ms] [--rate-limit 100/10s] [--naive-max 2000]
# The naive mode runs on at most --naive-max findings and is extrapolated linearly beyond (marked in the table).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# Offline first; online only when a dependency is not yet downloaded.
build=(mvn -q -DskipPlugin -Pbench -pl bench -am package -DskipTests)
"${build[0]}" -o "${build[@]:1}" >&2 || "${build[@]}" >&2
classpath="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
# The simulator runs in this JVM on the JDK's HTTP server, which leaves Nagle's algorithm on: with the client's
# delayed ACKs every answer then waits ~40 ms more on loopback, a cost no real server adds. nodelay turns it off.
exec java -Xmx2g -Dsun.net.httpserver.nodelay=true -cp "$classpath" \
  io.jenkins.plugins.adoworkitems.bench.SyncBenchmark --samples "$root/../shared/samples" "$@"
