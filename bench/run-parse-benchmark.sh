#!/usr/bin/env bash
# Parse benchmark: generates large SARIF logs from ../shared/samples/sarif and measures our streaming parser,
# Jackson readTree and analysis-model's SARIF parser, each in its own JVM; prints a Markdown table.
# Usage: bench/run-parse-benchmark.sh [--sizes 200,1024] [--dir /tmp/adowi-bench] [--repeat 1] [--compact] [--timeout 900]
#        [--modes ours,ours_high] [--warm N] [--jvm "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"] (more options for each measured JVM)
# Generated files stay in --dir (outside the repository) and are reused by later runs; delete them to regenerate.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# Offline first; online only when a dependency (analysis-model, the dependency plugin) is not yet downloaded.
build=(mvn -q -DskipPlugin -Pbench -pl bench -am package -DskipTests)
"${build[0]}" -o "${build[@]:1}" >&2 || "${build[@]}" >&2
classpath="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
# The launcher itself needs little; each measured parser gets its own JVM and heap.
exec java -Xmx512m -cp "$classpath" io.jenkins.plugins.adoworkitems.bench.ParseBenchmark \
  --samples "$root/../shared/samples/sarif" "$@"
