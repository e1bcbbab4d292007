#!/usr/bin/env bash
# Aggregation benchmark on the namespace test bed (root): single-flow TCP goodput through the
# tunnel over 3 links of 20/30/50 Mbit/s, each direction, BBR and CUBIC, and the RTT the tunnel
# adds at idle. Usage: bench/aggregate.sh [RUNS per scenario, default 3] [SECONDS per run, default 10]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bin/common.sh"
"$ROOT/bin/install-deps"
find_java_home
ensure_jar
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.chainlightning.testbed.AggregateBenchmark "$@"
