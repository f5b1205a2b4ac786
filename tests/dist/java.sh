#!/usr/bin/env bash
# Consumer test of dist/wsclose-VERSION.jar (+ .pom): `mvn install:install-file` puts it into a
# local repository whose dev/wsclose tree is emptied first (Maven's plugins stay cached there),
# then a separate Maven project that depends on dev.wsclose:wsclose:VERSION compiles against it
# and runs on each JDK >= 22 on the machine, with no libwsclose on the system and no
# WSCLOSE_LIBRARY: the library comes out of the jar. JDK 17 is tried too and must refuse the jar
# with a clear error (the FFM binding needs 22; docs/release.md). Usage: java.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(cd "${1:?usage: java.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: java.sh DIST_DIR VERSION}
fail() { echo "dist (java): $*" >&2; exit 1; }
jar=$dist/wsclose-$version.jar
[[ -f $jar && -f $dist/wsclose-$version.pom ]] || fail "wsclose-$version.jar/.pom missing in $dist"
unzip -l "$jar" | grep 'native/linux-x86_64/libwsclose.so' >/dev/null || fail "the jar has no native/linux-x86_64/libwsclose.so"
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
(cd "$work/app" && "${mvn[@]}" package) || fail "the consumer project did not build"
cp_=$work/app/target/classes:$installed
ran=0
declare -A seen=()
for home in /usr/lib/jvm/*/; do
  home=$(realpath "$home")
  [[ -z ${seen[$home]:-} ]] || continue
  seen[$home]=1
  [[ -x $home/bin/java && -f $home/release ]] || continue
  feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  [[ -n $feature ]] || continue
  if (( feature >= 22 )); then
    "$home/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp_" example.Main || fail "JDK $feature: the consumer program failed"
    ran=$((ran + 1))
  else
    if "$home/bin/java" -cp "$cp_" example.Main >"$work/old.log" 2>&1; then fail "JDK $feature ran a class file for 22"; fi
    grep 'UnsupportedClassVersionError' "$work/old.log" >/dev/null || { cat "$work/old.log" >&2; fail "JDK $feature: unexpected error"; }
    echo "java: JDK $feature refuses the jar (UnsupportedClassVersionError): the FFM binding needs JDK >= 22"
  fi
done
(( ran > 0 )) || fail "no JDK >= 22 to run the consumer"
echo "dist (java): dev.wsclose:wsclose:$version installed with mvn, used by a fresh project, libwsclose loaded from the jar on $ran JDK(s)"
