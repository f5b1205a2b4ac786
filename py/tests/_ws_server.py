"""A loopback ``websockets`` server for the tests of wsclose.websockets and of the close objects
info() reads: it plays one scripted action per connection and records when each one opened."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.typing import Subprotocol

T = TypeVar("T")


@dataclass(frozen=True)
class CloseWith:
    """Close the connection with this code and reason."""

    code: int
    reason: str = ""


@dataclass(frozen=True)
class Abort:
    """Drop the TCP connection without a Close frame (transport.abort())."""


@dataclass(frozen=True)
class Hold:
    """Keep the connection open until the client closes it."""


Action = CloseWith | Abort | Hold


@dataclass
class ScriptedServer:
    """``async with ScriptedServer([...]) as server``: listens on 127.0.0.1 on a free port."""

    actions: Sequence[Action]
    subprotocols: Sequence[str] | None = None
    opened: list[float] = field(default_factory=list)
    subprotocols_seen: list[str | None] = field(default_factory=list)
    _server: Server | None = None

    @property
    def uri(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}/"

    @property
    def connections(self) -> int:
        return len(self.opened)

    async def _handler(self, ws: ServerConnection) -> None:
        index = len(self.opened)
        self.opened.append(asyncio.get_running_loop().time())
        self.subprotocols_seen.append(ws.subprotocol)
        action = self.actions[index] if index < len(self.actions) else Hold()
        if isinstance(action, CloseWith):
            await ws.close(action.code, action.reason)
        elif isinstance(action, Abort):
            ws.transport.abort()
        else:
            await ws.wait_closed()

    async def __aenter__(self) -> ScriptedServer:
        protocols = None if self.subprotocols is None else [Subprotocol(p) for p in self.subprotocols]
        self._server = await serve(self._handler, "127.0.0.1", 0, subprotocols=protocols)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()


def run(make: Callable[[], Awaitable[T]], timeout: float = 20.0) -> T:
    """Runs a coroutine in a fresh event loop, failing after ``timeout`` seconds."""

    async def bounded() -> T:
        return await asyncio.wait_for(make(), timeout)

    return asyncio.run(bounded())
