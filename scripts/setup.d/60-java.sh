#!/usr/bin/env bash
# Java binding (bindings/java): a JDK >= 22 (the Foreign Function & Memory API is final from 22;
# Temurin 25 on this machine, found by bindings/java/find-jdk.sh), Maven, and the Maven artifacts
# of bindings/java/pom.xml (plugins, JUnit 5). Decision: FFM only, no JNA fallback for JDK 17, so
# a machine without JDK >= 22 fails here with a clear message instead of skipping the binding.
# Quick no-op when everything is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
java_dir="$root/bindings/java"

if ! command -v mvn >/dev/null; then
  echo "setup (java): installing Maven from Debian" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi

# Fails with a message naming what it looked for when there is no JDK >= 22.
jdk="$(bash "$java_dir/find-jdk.sh")"

# The Maven artifacts: resolved by running the build once, up to a test that needs no native
# library (so this works before libwsclose is built). Skipped when this pom was warmed before and
# the local repository still has the JUnit Platform provider of Surefire.
repo="${HOME}/.m2/repository"
stamp="$java_dir/target/.deps-$(sha256sum "$java_dir/pom.xml" | cut -c1-16)"
if [ -f "$stamp" ] && [ -d "$repo/org/apache/maven/surefire/surefire-junit-platform" ] \
   && [ -d "$repo/org/junit/jupiter/junit-jupiter-engine" ]; then
  exit 0
fi
export JAVA_HOME="$jdk"
if "$jdk/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
echo "setup (java): fetching Maven plugins and JUnit for bindings/java (JDK: $jdk)" >&2
mvn -B -ntp -q -Dstyle.color=never -f "$java_dir/pom.xml" \
  -Dtest='ErrorsTest#unknownEnumNumbersAreRejected' verify
touch "$stamp"
