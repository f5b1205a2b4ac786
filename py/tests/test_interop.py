"""info() reads the close objects of websockets (real ones, from a loopback connection) and any
object with an int ``code``, without the caller unpacking them; anything else is a TypeError.
The aiohttp shapes: tests/test_interop_aiohttp.py (make test-py-websockets)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, ConnectionClosedError, ConnectionClosedOK
from websockets.frames import Close

import wsclose
from _ws_server import Abort, Action, CloseWith, ScriptedServer, run
from wsclose import CloseCode
from wsclose._wsclose import _close_parts


async def closed_by(action: Action) -> ConnectionClosed:
    """The ConnectionClosed a websockets client raises when the server plays ``action``."""
    async with ScriptedServer([action]) as server:
        async with connect(server.uri) as ws:
            try:
                await ws.recv()
            except ConnectionClosed as closed:
                return closed
    raise AssertionError("the connection did not close")


def test_a_real_connection_closed_with_a_close_frame() -> None:
    closed = run(lambda: closed_by(CloseWith(4004, "Authentication failed")))
    assert isinstance(closed, ConnectionClosedError)
    assert wsclose.info(closed) == wsclose.info(4004)
    assert _close_parts(closed) == (4004, "Authentication failed", True)


def test_a_real_connection_closed_normally() -> None:
    closed = run(lambda: closed_by(CloseWith(1001, "bye")))
    assert isinstance(closed, ConnectionClosedOK)
    assert wsclose.info(closed).code is CloseCode.GOING_AWAY
    assert _close_parts(closed) == (1001, "bye", True)


def test_a_real_dropped_connection_is_1006_unclean() -> None:
    closed = run(lambda: closed_by(Abort()))
    assert closed.rcvd is None
    assert wsclose.info(closed).code is CloseCode.ABNORMAL_CLOSURE
    assert _close_parts(closed) == (1006, None, False)


def test_connection_closed_received_but_not_sent_is_unclean() -> None:
    closed = ConnectionClosedError(Close(1011, "oops"), None)
    assert _close_parts(closed) == (1011, "oops", False)


def test_a_websockets_close_frame() -> None:
    frame = Close(1012, "restart")
    assert wsclose.info(frame).code is CloseCode.SERVICE_RESTART
    assert _close_parts(frame) == (1012, "restart", None)


def test_an_object_with_code_reason_and_was_clean() -> None:
    event = SimpleNamespace(code=4000, reason="r", wasClean=False)
    assert wsclose.info(event) == wsclose.info(4000)
    assert _close_parts(event) == (4000, "r", False)
    assert _close_parts(SimpleNamespace(code=1000, was_clean=True)) == (1000, None, True)
    # A reason or flag of another type is not read.
    assert _close_parts(SimpleNamespace(code=1000, reason=b"x", wasClean=1)) == (1000, None, None)


def test_ints_keep_their_rules() -> None:
    assert _close_parts(1000) == (1000, None, None)
    assert wsclose.info(True) == wsclose.info(1)
    with pytest.raises(ValueError, match="close code 70000 is out of range"):
        wsclose.info(SimpleNamespace(code=70000))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (SimpleNamespace(code=None), "SimpleNamespace.code must be an int close code, not NoneType"),
        (SimpleNamespace(code="4000"), "SimpleNamespace.code must be an int close code, not str"),
        (
            ConnectionClosedError(SimpleNamespace(code=None), None),  # type: ignore[arg-type]
            "ConnectionClosedError.rcvd.code must be an int close code, not NoneType",
        ),
        (
            SimpleNamespace(reason="no code"),
            "a close code must be an int or a close object (a websockets ConnectionClosed or Close, "
            "an aiohttp CLOSE WSMessage, an object with an int .code), not SimpleNamespace",
        ),
    ],
)
def test_other_objects_are_type_errors(value: object, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        wsclose.info(value)  # type: ignore[arg-type]
    assert str(caught.value) == message
