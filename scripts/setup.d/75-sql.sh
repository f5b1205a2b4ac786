#!/usr/bin/env bash
# The SQL tests (tests/sql, `make test-sql`): Debian's postgresql (the server binaries; the test
# starts its own server in a temporary directory, the package's cluster is not used), sqlite3 (the
# shell) and libsqlite3-dev (sqlite3ext.h for the extension), and a Java runtime >= 17 for Spark.
# Quick no-op when installed; `apt-get update` runs only when apt does not know a package.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"

missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v psql >/dev/null || missing+=(postgresql-client)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[[ -f /usr/include/sqlite3ext.h ]] || missing+=(libsqlite3-dev)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)

apt_install sql "${missing[@]}"
echo "setup (sql): $(psql --version); sqlite3 $(sqlite3 --version | cut -d' ' -f1); $(java -version 2>&1 | head -n1)"
