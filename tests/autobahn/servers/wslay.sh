#!/usr/bin/env bash
# Autobahn server entry: examples/c-wslay (wslay's frame layer, every Close decided by libwsclose).
#   wslay.sh build OUT    build OUT/wsclose-echo against the libwsclose on PKG_CONFIG_PATH
#   wslay.sh run OUT      exec the server on a free loopback port; it prints
#                         "listening on 127.0.0.1:PORT ..." on stdout and exits 0 on SIGTERM
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${2:?usage: wslay.sh build|run OUT}
case $1 in
  build) make -s -C "$root/examples/c-wslay" OUT="$out" ;;
  run) exec "$out/wsclose-echo" -p 0 ;;
  *) echo "usage: wslay.sh build|run OUT" >&2; exit 2 ;;
esac
