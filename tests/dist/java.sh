#!/usr/bin/env bash
# Consumer test of dist/wsclose-VERSION.jar (+ .pom): `mvn install:install-file` puts it into a
# local repository whose dev/wsclose tree is emptied first (Maven's plugins stay cached there),
# then a separate Maven project that depends on dev.wsclose:wsclose:VERSION (and so, through the
# installed pom, on JNA) compiles against it for release 17 and runs on JDK 17, 21 and 25, with no
# libwsclose on the system and no WSCLOSE_LIBRARY: the library comes out of the jar. The
# multi-release jar must take JNA on 17 and 21 and the FFM API on 25 (checked in the JVM's class
# loading log). Usage: java.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(cd "${1:?usage: java.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: java.sh DIST_DIR VERSION}
fail() { echo "dist (java): $*" >&2; exit 1; }
jar=$dist/wsclose-$version.jar
[[ -f $jar && -f $dist/wsclose-$version.pom ]] || fail "wsclose-$version.jar/.pom missing in $dist"
unzip -l "$jar" | grep 'native/linux-x86_64/libwsclose.so' >/dev/null || fail "the jar has no native/linux-x86_64/libwsclose.so"
unzip -l "$jar" | grep 'META-INF/versions/22/dev/wsclose/Native.class' >/dev/null || fail "the jar has no META-INF/versions/22/dev/wsclose/Native.class (the FFM route)"
unzip -p "$jar" META-INF/MANIFEST.MF | grep -q '^Multi-Release: true' || fail "the jar's manifest lacks Multi-Release: true"
if ldconfig -p | grep 'libwsclose' >/dev/null; then fail "a system libwsclose is installed: the test would not prove the bundled one"; fi

repo=$root/build/dist-cache/m2
rm -rf "$repo/dev/wsclose"
work=$(mktemp -d /tmp/wsclose-dist-java.XXXXXX)
trap 'rm -rf "$work"' EXIT
unset WSCLOSE_LIBRARY LD_LIBRARY_PATH
export WSCLOSE_DIST_VERSION=$version
jdk=$(bash "$root/bindings/java/find-jdk.sh")
export JAVA_HOME=$jdk
if "$jdk/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
mvn=(mvn -B -ntp -q -Dstyle.color=never -Dmaven.repo.local="$repo")
(cd "$work" && "${mvn[@]}" org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
  -Dfile="$jar" -DpomFile="$dist/wsclose-$version.pom") || fail "mvn install:install-file failed"
installed=$repo/dev/wsclose/wsclose/$version/wsclose-$version.jar
cmp -s "$jar" "$installed" || fail "the installed jar differs from dist/"

mkdir -p "$work/app"
cp -r "$here/java/src" "$work/app/src"
sed "s/@VERSION@/$version/" "$here/java/pom.xml.in" >"$work/app/pom.xml"
# The consumer's runtime class path as Maven resolves it: the installed jar and JNA, which comes
# only from the installed pom's dependencies.
(cd "$work/app" && "${mvn[@]}" package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath") || fail "the consumer project did not build"
grep -q "$installed" "$work/classpath" || fail "the consumer's class path lacks the installed jar: $(cat "$work/classpath")"
grep -q '/net/java/dev/jna/jna/' "$work/classpath" || fail "JNA did not come with dev.wsclose:wsclose: $(cat "$work/classpath")"
cp_=$work/app/target/classes:$(cat "$work/classpath")

# Runs the consumer on JDK $1 with the extra options $3...; $2 is the route it must take. The
# class loading log tells the routes apart: JNA's classes load on the JNA route only.
run() {
  local feature=$1 route=$2 home log
  shift 2
  home=$(bash "$root/bindings/java/find-jdk.sh" "$feature") || fail "JDK $feature is missing (scripts/setup.d/60-java.sh)"
  log=$work/jdk$feature.log
  "$home/bin/java" "$@" -Xlog:class+load=info:file="$log" -cp "$cp_" example.Main >"$work/out" 2>"$work/err" \
    || { cat "$work/out" "$work/err" >&2; fail "JDK $feature: the consumer program failed"; }
  grep -q '^java: wsclose .* ok$' "$work/out" || { cat "$work/out" "$work/err" >&2; fail "JDK $feature: unexpected output"; }
  local note=""
  if grep -q 'WARNING: A restricted method' "$work/err"; then
    [[ $* != *--enable-native-access* ]] || { cat "$work/err" >&2; fail "JDK $feature warns although native access is enabled"; }
    note=", the JDK's restricted-method warning on stderr"
  elif [[ -s $work/err ]]; then
    cat "$work/err" >&2; fail "JDK $feature: unexpected output on stderr"
  fi
  if grep -q ' com\.sun\.jna\.Native ' "$log"; then took=jna; else took=ffm; fi
  [[ $took == "$route" ]] || fail "JDK $feature took the $took route, not $route"
  grep -q ' dev\.wsclose\.Native source: .*wsclose-'"$version"'\.jar' "$log" || fail "JDK $feature: dev.wsclose.Native did not come from the installed jar"
  echo "java: JDK $feature ($(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")), $route route${*:+ with $*}: $(cat "$work/out")$note"
}
run 17 jna
run 21 jna
run 25 ffm --enable-native-access=ALL-UNNAMED
# Not needed on 25: without it the JDK warns about the restricted methods, and the program works.
run 25 ffm
echo "dist (java): dev.wsclose:wsclose:$version installed with mvn, used by a fresh project on JDK 17 and 21 (JNA) and 25 (FFM), libwsclose loaded from the jar"
