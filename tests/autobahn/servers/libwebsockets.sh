#!/usr/bin/env bash
# Autobahn server entry: examples/c-libwebsockets (libwebsockets 4.1, every Close decided by
# libwsclose through include/wsclose/lws.h).
#   libwebsockets.sh build OUT    build OUT/wsclose-lws-echo against the libwsclose on PKG_CONFIG_PATH
#   libwebsockets.sh run OUT      exec the server on a free loopback port; it prints
#                                 "listening on 127.0.0.1:PORT ..." on stdout and exits 0 on SIGTERM
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${2:?usage: libwebsockets.sh build|run OUT}
case $1 in
  build) make -s -C "$root/examples/c-libwebsockets" OUT="$out" ;;
  run) exec "$out/wsclose-lws-echo" -p 0 ;;
  *) echo "usage: libwebsockets.sh build|run OUT" >&2; exit 2 ;;
esac
