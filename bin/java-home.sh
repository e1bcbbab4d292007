# Sourced by the scripts in bin/: sets JAVA_HOME to a JDK of version 21 or newer.
# Prefers the Temurin 25 JDK of our build machines, then $JAVA_HOME, then java on the PATH.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
    /usr/lib/jvm/*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
    export JAVA_HOME="$candidate"
    return 0 2>/dev/null || exit 0
  fi
done
echo "chainlightning: needs a JDK 21 or newer (none found); on Debian/Ubuntu run: sudo bin/install-deps" >&2
return 1 2>/dev/null || exit 1
