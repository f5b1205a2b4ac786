#!/usr/bin/env bash
# Autobahn server entry: examples/cpp-beast (Boost.Beast, every Close decided by libwsclose).
#   beast.sh build OUT    build OUT/wsclose-beast-echo against the libwsclose on PKG_CONFIG_PATH
#   beast.sh run OUT      exec the server on a free loopback port; it prints
#                         "listening on 127.0.0.1:PORT ..." on stdout and exits 0 on SIGTERM
#                         (1 if a Close ever went out that was not wsclose's decision)
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${2:?usage: beast.sh build|run OUT}
case $1 in
  build) make -s -C "$root/examples/cpp-beast" OUT="$out" ;;
  run) exec "$out/wsclose-beast-echo" -p 0 ;;
  *) echo "usage: beast.sh build|run OUT" >&2; exit 2 ;;
esac
