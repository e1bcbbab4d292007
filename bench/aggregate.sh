#!/usr/bin/env bash
# Aggregation benchmark on the namespace test bed (root): single-flow TCP goodput through the
# tunnel over 3 links of 20/30/50 Mbit/s, each direction, BBR and CUBIC, and the RTT the tunnel
# adds at idle. Usage: bench/aggregate.sh [RUNS per scenario, default 3] [SECONDS per run, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/bin/install-deps"
source "$ROOT/bin/java-home.sh"
JAR="$ROOT/tunnel-core/target/chainlightning.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/tunnel-core/pom.xml" "$ROOT/tunnel-core/src/main" -newer "$JAR" -print -quit)" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >&2
fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.chainlightning.testbed.AggregateBenchmark "$@"
