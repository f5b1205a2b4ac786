"""info() reads aiohttp's close message: a real one, received by an aiohttp client from a
loopback websockets server, and constructed ones. Needs aiohttp (py/requirements-websockets.txt):
make test-py-websockets installs it and runs this file."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp import WSMessage, WSMsgType

import wsclose
from _ws_server import CloseWith, ScriptedServer, run
from wsclose._wsclose import _close_parts


async def messages_after(close: CloseWith) -> list[WSMessage]:
    """What an aiohttp client receives when the server closes with ``close``."""
    async with ScriptedServer([close]) as server, aiohttp.ClientSession() as session:
        async with session.ws_connect(server.uri) as ws:
            first = await ws.receive()
            second = await ws.receive()
            return [first, second]


def test_a_real_aiohttp_close_message() -> None:
    close, after = run(lambda: messages_after(CloseWith(4004, "Authentication failed")))
    assert close.type is WSMsgType.CLOSE
    assert wsclose.info(close) == wsclose.info(4004)
    assert _close_parts(close) == (4004, "Authentication failed", None)
    # The message after it says the socket is closed, and carries no code.
    assert after.type is WSMsgType.CLOSED
    with pytest.raises(TypeError, match="carries no close code: only a CLOSE message"):
        wsclose.info(after)


def test_constructed_aiohttp_messages() -> None:
    assert wsclose.info(WSMessage(WSMsgType.CLOSE, 1001, "bye")).code is wsclose.CloseCode.GOING_AWAY
    assert _close_parts(WSMessage(WSMsgType.CLOSE, 1000, None)) == (1000, None, None)
    with pytest.raises(TypeError, match="WSMessage of type <WSMsgType.TEXT: 1> carries no close code"):
        wsclose.info(WSMessage(WSMsgType.TEXT, "hello", None))
    with pytest.raises(TypeError, match="WSMessage.data must be an int close code, not NoneType"):
        wsclose.info(WSMessage(WSMsgType.CLOSE, None, None))
