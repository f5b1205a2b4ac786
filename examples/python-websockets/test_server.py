"""End to end on loopback: server.py in a subprocess, a real `websockets` client against it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import wsclose
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

HERE = Path(__file__).parent
IDLE = 0.5


class Server:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "server.py"), "--port", "0", "--idle", str(IDLE)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line.startswith("listening on 127.0.0.1:"), line
        self.url = "ws://" + line.split()[2]
        self.log = ""

    def stop(self) -> int:
        self.proc.terminate()
        _, self.log = self.proc.communicate(timeout=10)
        return self.proc.returncode


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    if srv.proc.poll() is None:
        srv.stop()


def expected_line(code: int, reason: str) -> str:
    facts = wsclose.info(code)
    return (f"client closed: code {code} ({facts.name or 'unnamed'}), category "
            f"{wsclose.classify(code).name}, reconnect {facts.reconnect.name}, reason {reason!r}")


def test_echo_text_and_binary(server: Server) -> None:
    with connect(server.url) as ws:
        ws.send("héllo ✓")
        assert ws.recv() == "héllo ✓"
        ws.send(b"\x00\xff\x10")
        assert ws.recv() == b"\x00\xff\x10"


@pytest.mark.parametrize("code,reason", [(1000, "done"), (1001, ""), (1013, "busy"),
                                         (3000, "unauthorized"), (4000, "bye")])
def test_client_close_is_logged_with_wsclose_facts(server: Server, code: int, reason: str) -> None:
    with connect(server.url) as ws:
        ws.close(code, reason)
    assert ws.protocol.close_rcvd is not None and ws.protocol.close_rcvd.code == code  # echoed


def test_idle_client_is_closed_with_going_away(server: Server) -> None:
    with connect(server.url) as ws:
        start = time.monotonic()
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=IDLE * 10)
        assert time.monotonic() - start >= IDLE * 0.9
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == wsclose.CloseCode.GOING_AWAY
        assert closed.value.rcvd.reason == "idle"


def test_log_and_sigterm(server: Server) -> None:
    assert server.stop() == 0, server.log
    for code, reason in [(1000, "done"), (1001, ""), (1013, "busy"), (3000, "unauthorized"),
                         (4000, "bye")]:
        assert expected_line(code, reason) in server.log, server.log
    assert "idle for 0.5 s: closing with 1001 GOING_AWAY" in server.log
    assert "wsclose-example: stopped" in server.log
