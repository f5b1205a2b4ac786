"""An echo server on `websockets` whose close handling is decided by `wsclose`.

- Every close a client sends is checked again with ``wsclose.parse_close_payload`` (websockets
  has already parsed it; wsclose is the authority on the payload rules) and logged with what
  wsclose knows about the code: its category, its name and the reconnect advice.
- A client that sends nothing for ``--idle`` seconds is closed with ``wsclose.CloseCode.GOING_AWAY``
  and the reason "idle".

Usage: python server.py [--port 0] [--idle 30]   (port 0 picks a free port; it is printed)
Loopback only. Stops on SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal

import wsclose
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

log = logging.getLogger("wsclose-example")

IDLE_CLOSE = wsclose.CloseCode.GOING_AWAY


def describe_close(payload: bytes) -> str:
    """One log line for a Close payload, every fact from wsclose."""
    if not payload:
        return "no status code (empty Close)"
    try:
        close = wsclose.parse_close_payload(payload)
    except ValueError as err:  # wsclose's payload error (a ValueError subclass)
        return f"invalid Close payload: {err}"
    facts = wsclose.info(close.code)
    return (
        f"code {int(close.code)} ({facts.name or 'unnamed'}), "
        f"category {wsclose.classify(close.code).name}, reconnect {facts.reconnect.name}, "
        f"reason {close.reason!r}"
    )


async def echo(ws: ServerConnection, idle: float) -> None:
    peer = "%s:%d" % ws.remote_address[:2]
    try:
        while True:
            try:
                message = await asyncio.wait_for(ws.recv(), timeout=idle)
            except TimeoutError:
                log.info("%s idle for %.1f s: closing with %d %s", peer, idle, IDLE_CLOSE,
                         IDLE_CLOSE.name)
                await ws.close(IDLE_CLOSE, "idle")
                return
            await ws.send(message)
    except ConnectionClosed:
        pass
    finally:
        rcvd = ws.protocol.close_rcvd
        if rcvd is not None:
            log.info("%s client closed: %s", peer, describe_close(rcvd.serialize()))
        elif ws.protocol.close_sent is None:
            log.info("%s connection lost without a Close frame", peer)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--idle", type=float, default=30.0, help="seconds before an idle close")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")

    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set_result, None)
    async with serve(lambda ws: echo(ws, args.idle), "127.0.0.1", args.port) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"listening on 127.0.0.1:{port} (wsclose {wsclose.__version__})", flush=True)
        await stop
    log.info("stopped")


if __name__ == "__main__":
    asyncio.run(main())
