#!/usr/bin/env bash
# Prints the home of a JDK >= 22 (the Foreign Function & Memory API is final from 22 on), or
# fails with a message. Order: $WSCLOSE_JAVA_HOME, $JAVA_HOME, Temurin 25 at its Debian path,
# then every JDK under /usr/lib/jvm, newest first.
set -euo pipefail
min=22

feature_of() { # the feature release number of the JDK at $1, or nothing
  local release="$1/release" version
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 0
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  echo "${version:-}"
}

candidates=("${WSCLOSE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64)
if [ -d /usr/lib/jvm ]; then
  while IFS= read -r dir; do candidates+=("$dir"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
fi
for home in "${candidates[@]}"; do
  [ -n "$home" ] || continue
  feature=$(feature_of "$home")
  if [ -n "$feature" ] && (( feature >= min )); then
    echo "$home"
    exit 0
  fi
done
echo "wsclose (java): no JDK >= $min found (looked at \$WSCLOSE_JAVA_HOME, \$JAVA_HOME, /usr/lib/jvm/*)." >&2
echo "The Java binding uses the Foreign Function & Memory API, final in JDK 22; install a JDK >= 22" >&2
echo "(e.g. Temurin 25) and point WSCLOSE_JAVA_HOME at it." >&2
exit 1
