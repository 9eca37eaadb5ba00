# Sourced by run.sh and test.sh: finds a JDK 21 or newer and exports JAVA_HOME and JAVA.
# Order: JAVA_HOME if it is 21+, then the newest JDK under /usr/lib/jvm, else a clear error.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d" 2>/dev/null || echo 0)
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}
if ! JAVA_HOME=$(find_jdk); then
  echo "error: a JDK 21 or newer is needed (found none in JAVA_HOME or /usr/lib/jvm)." >&2
  echo "       install one, e.g. 'apt-get install openjdk-21-jdk', or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export JAVA="$JAVA_HOME/bin/java"
export PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null || { echo "error: Apache Maven (mvn) is needed: apt-get install maven" >&2; exit 1; }
