# Sourced by the scripts in bin/ and bench/. Sets ROOT, picks a JDK 21+ (JAVA_HOME) and builds the
# jar on demand.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/tunnel-core/target/chainlightning.jar"

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

# Prefers the Temurin 25 JDK of our build machines, then $JAVA_HOME, then java on the PATH.
find_java_home() {
  local on_path candidate
  on_path="$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent/bin/java)")")")"
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "chainlightning: needs a JDK 21 or newer (none found); on Debian/Ubuntu run: sudo bin/install-deps" >&2
  return 1
}

# Maven's own libraries trip JDK 24+'s warnings about sun.misc.Unsafe; they are harmless noise.
quiet_maven_jvm() {
  if [ "$(java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# Builds the jar when it is missing or older than the sources (jvm.options included: the jar
# carries a copy for the test bed).
ensure_jar() {
  if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/tunnel-core/pom.xml" "$ROOT/tunnel-core/src/main" "$ROOT/image-common/jvm.options" -newer "$JAR" -print -quit)" ]; then
    echo "chainlightning: building $JAR ..." >&2
    (cd "$ROOT" && quiet_maven_jvm && ./mvnw -B -q -DskipTests package) >&2
  fi
}

# Runs one of the test-bed benchmarks in the jar (as root): installs the tools, builds when
# needed, prints a line naming the machine, then the benchmark's own table.
run_testbed_benchmark() {
  local class="$1"
  shift
  "$ROOT/bin/install-deps"
  find_java_home
  ensure_jar
  echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$JAR" "dev.chainlightning.testbed.$class" "$@"
}
