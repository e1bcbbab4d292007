#!/usr/bin/env bash
# Reed-Solomon codec micro-benchmark (JMH, one thread): encode and reconstruct of 10+3 x 1400-byte
# and 17+3 x 64 KiB groups for every inner loop, as MB/s of data shards and as a multiple of the
# plain log/exp reference. Extra arguments go to JMH (e.g. -p impl=swar,reference).
# Usage: bench/fec-codec.sh [JMH OPTIONS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
find_java_home
quiet_maven_jvm
cd "$ROOT"
./mvnw -B -q -DskipTests test-compile
CLASSPATH_FILE="$ROOT/tunnel-core/target/fec-bench.classpath"
./mvnw -B -q -pl tunnel-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
CP="$ROOT/tunnel-core/target/test-classes:$ROOT/tunnel-core/target/classes:$(cat "$CLASSPATH_FILE")"
CSV="$ROOT/tunnel-core/target/fec-codec.csv"
LOG="$ROOT/tunnel-core/target/fec-codec-jmh.log"

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "# JMH -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1 (full output: $LOG)"
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main 'dev\.chainlightning\.fec\.ReedSolomonBenchmark' \
  -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1 -rf csv -rff "$CSV" "$@" >"$LOG" 2>&1 \
  || { tail -20 "$LOG" >&2; echo "fec-codec: JMH failed, see $LOG" >&2; exit 1; }

# One op codes one group: k data shards of the shard size. Ratio is against the reference of the
# same shape and operation.
awk -F, '
  NR == 1 { next }
  {
    gsub(/"/, "")
    n = split($1, name, "."); op = name[n]; impl = $8; shape = $9
    split(shape, part, /[+x]/)
    mbs = $5 * part[1] * part[3] / 1e6
    key = shape SUBSEP op
    rate[key, impl] = mbs
    if (!(key in seen)) { seen[key] = 1; keys[++nkeys] = key }
    if (!(impl in known)) { known[impl] = 1; impls[++nimpls] = impl }
  }
  END {
    printf "%-12s %-12s %-10s %10s %8s\n", "shape", "operation", "impl", "MB/s", "x ref"
    for (i = 1; i <= nkeys; i++) {
      split(keys[i], k, SUBSEP)
      ref = rate[keys[i], "reference"]
      for (j = 1; j <= nimpls; j++) {
        if ((keys[i], impls[j]) in rate) {
          r = rate[keys[i], impls[j]]
          ratio = ref > 0 ? sprintf("%.1f", r / ref) : "-"
          printf "%-12s %-12s %-10s %10.0f %8s\n", k[1], k[2], impls[j], r, ratio
        }
      }
    }
  }' "$CSV"
