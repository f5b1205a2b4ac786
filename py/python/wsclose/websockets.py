"""Reconnect with ``websockets``, deciding after every close with wsclose
(``pip install wsclose[websockets]``).

>>> import websockets, wsclose.websockets
>>> async def main() -> None:
...     async for ws in wsclose.websockets.connect("wss://gateway.example/", profile="discord-gateway"):
...         try:
...             async for message in ws:
...                 ...
...         except websockets.ConnectionClosed:
...             continue  # wsclose decides whether, and when, the next attempt comes

:func:`connect` takes the arguments of :func:`websockets.asyncio.client.connect` and passes
them on unchanged; the loop body is the one ``websockets`` documents. What changes is the step
between two connections. ``websockets`` itself reconnects at once after every close, whatever
its code. Here, before the next attempt, the wrapper reads how the previous connection closed:

- the code and reason of the Close frame it received, or 1006 (abnormal closure) when none was
  received, such as after a dropped TCP connection; the close was clean when Close frames went
  both ways (the same reading as :func:`wsclose.info` of a ``ConnectionClosed``);
- the profile: ``profile=`` (a name or a :class:`wsclose.Profile`), else the policy's, else the
  one the negotiated subprotocol names (:meth:`wsclose.Profile.by_subprotocol`), else none (the
  standard's advice);
- the decision of the :class:`wsclose.ReconnectPolicy` (``policy=``, default
  ``ReconnectPolicy()``; its base, cap, attempt limit, overrides and ``retry_unspecified`` are
  kept, with the profile above).

A retry waits the policy's delay, then reconnects. A stop raises :class:`FinalClose` from the
``async for`` statement: it carries the :class:`Closed` record (code, reason, advice, decision,
attempt, and :func:`wsclose.explain`'s causes), and its ``__cause__`` is the ``ConnectionClosed``
of that connection.

The attempt number given to the policy counts the reconnects since the last connection that
stayed open for ``min_uptime`` seconds (default 5); a connection that lived that long starts the
backoff again from attempt 0.

What is not a close keeps the handling of ``websockets``:

- connection errors (refused, reset, timeout, a handshake answered with 500-504) are retried with
  ``websockets``' own backoff, and fatal ones raised, by the wrapped iterator: its
  ``process_exception`` argument still applies;
- the application closing the connection (``await ws.close()`` in the loop body) ends the
  iteration: the ``async for`` loop finishes without an exception, whatever the code sent, as the
  app asked for the connection to end. A Close frame that ``websockets`` sends itself (a keepalive
  timeout, 1011; a protocol error, 1002) is not the app's, and is decided like any other close;
- a loop body that goes on to the next iteration while the connection is still open gets what
  ``websockets`` does: the connection is closed with 1000 and a new one opened at once, with no
  decision (no close was received).

Source read for this module (python-websockets/websockets). Reconnecting with ``async for`` over
the new asyncio ``connect`` appeared in 13.1, the lowest version the extra allows, which also
deprecated ``ConnectionClosed.code`` and ``.reason`` (``docs/project/changelog.rst``, commit
04e599ca3caad2c5bb3fa8eaf24066fd270e90a7): the close is read from ``rcvd`` and ``sent``.
``connect.__aiter__`` in
``src/websockets/asyncio/client.py`` and ``process_exception`` in ``src/websockets/client.py``:
release 13.1 (commit 4d229bf9f583d593aa103287aee0a77c9fbc3a79) and release 17.0 (commit
5b395c5bddfb7599bd2b52b7b108f6999c294651). Both wrap each connection in ``async with self``
around the ``yield``, so a connection ends when the loop body moves on; only exceptions raised
while connecting reach ``process_exception``; backoff restarts after every successful
connection. ``Protocol.close_exc`` (``src/websockets/protocol.py``) builds the
``ConnectionClosed`` read here, and ``create_connection`` is the factory the wrapper subclasses
to see the application's ``close()``.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final, SupportsIndex, cast

from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as _websockets_connect
from websockets.exceptions import ConnectionClosed
from websockets.protocol import State

from . import Advice, Cause, Decision, Profile, ReconnectPolicy, _wsclose, explain, info

__all__ = ["Closed", "FinalClose", "connect"]

DEFAULT_MIN_UPTIME: Final = 5.0
"""Seconds a connection must stay open for the next close to start the backoff from attempt 0."""


@dataclass(frozen=True)
class Closed:
    """How one connection closed, and what the policy decided about it."""

    code: int
    """The code received (a :class:`wsclose.CloseCode` member when the core names it), or 1006
    when no Close frame was received."""
    reason: str
    """The reason received ("" when none)."""
    was_clean: bool
    """Whether Close frames went both ways."""
    rcvd_then_sent: bool | None
    """``True`` when the server closed first, ``False`` when this side did, ``None`` when
    Close frames did not go both ways (as ``websockets`` reports it)."""
    profile: Profile | None
    """The profile the decision used."""
    advice: Advice
    """The policy's advice for this close (never ``UNSPECIFIED``)."""
    decision: Decision
    """Stop, or retry after ``decision.retry_after_ms``."""
    attempt: int
    """The attempt number the policy was asked about: reconnects already made."""
    causes: tuple[Cause, ...]
    """:func:`wsclose.explain`'s likely causes, most likely first."""

    @property
    def delay_ms(self) -> int | None:
        """The delay before the next attempt, ``None`` for a stop."""
        return self.decision.retry_after_ms


class FinalClose(Exception):
    """The policy says not to reconnect: the code is final for the profile (or the standard),
    or ``max_attempts`` reconnects were made (``closed.advice.reconnects`` is then true).
    ``__cause__`` is the ``ConnectionClosed`` of the last connection."""

    closed: Closed

    def __init__(self, closed: Closed) -> None:
        why = (
            f"after {closed.attempt} reconnect attempts (max_attempts)"
            if closed.advice.reconnects
            else f"advice {closed.advice.name}"
        )
        profile = closed.profile.name if closed.profile is not None else "standard"
        super().__init__(f"close {int(closed.code)} {closed.reason!r} is final ({profile}, {why})")
        self.closed = closed

    def __reduce__(self) -> tuple[type[FinalClose], tuple[Closed]]:
        return (type(self), (self.closed,))


# The connections whose close() the application called while they were open.
_APP_CLOSED: weakref.WeakSet[ClientConnection] = weakref.WeakSet()


def _tracking(base: type[ClientConnection]) -> type[ClientConnection]:
    """A subclass of ``base`` whose ``close()`` records that the application closed it."""

    async def close(self: ClientConnection, code: int = 1000, reason: str = "") -> None:
        if self.state is State.OPEN:
            _APP_CLOSED.add(self)
        await base.close(self, code, reason)

    return type(f"Wsclose{base.__name__}", (base,), {"close": close, "__module__": __name__})


def _profile_arg(profile: str | Profile | None) -> Profile | None:
    if profile is None or isinstance(profile, Profile):
        return profile
    if not isinstance(profile, str):
        raise TypeError(f"profile must be a profile name or a wsclose.Profile, not {type(profile).__name__}")
    found = Profile.by_name(profile)
    if found is None:
        names = ", ".join(p.name for p in Profile.ALL)
        raise ValueError(f"no profile is named {profile!r}; the profiles are: {names}")
    return found


class connect:  # noqa: N801  (named as websockets' connect, which it replaces)
    """``async for ws in connect(uri, ...)``: :func:`websockets.asyncio.client.connect` that
    reads every close and asks a :class:`wsclose.ReconnectPolicy` whether and when to reconnect.

    ``profile``: a profile name or :class:`wsclose.Profile` (default: the policy's, else the one
    the negotiated subprotocol names). ``policy``: the backoff, limit and overrides (default
    ``ReconnectPolicy()``). ``random``: the policy's random source (default
    ``secrets.randbits(64)``). ``sleep``: awaited with the delay in seconds (default
    :func:`asyncio.sleep`). ``min_uptime``: seconds after which a connection restarts the
    backoff. ``on_close``: called with each :class:`Closed` record, stop or retry, before the
    wrapper acts on it. Every other argument goes to ``websockets``' ``connect`` unchanged.
    Only the ``async for`` form is offered: for one connection without reconnecting, use
    ``websockets``' own ``connect``.
    """

    def __init__(
        self,
        uri: str,
        *,
        profile: str | Profile | None = None,
        policy: ReconnectPolicy | None = None,
        random: Callable[[], SupportsIndex] | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        min_uptime: float = DEFAULT_MIN_UPTIME,
        on_close: Callable[[Closed], object] | None = None,
        **kwargs: Any,
    ) -> None:
        if policy is not None and not isinstance(policy, ReconnectPolicy):
            raise TypeError(f"policy must be a wsclose.ReconnectPolicy, not {type(policy).__name__}")
        self._profile = _profile_arg(profile)
        self._policy = policy if policy is not None else ReconnectPolicy()
        self._random = random
        self._sleep = sleep
        self._min_uptime = min_uptime
        self._on_close = on_close
        self._policies: dict[Profile | None, ReconnectPolicy] = {}
        base = kwargs.pop("create_connection", None) or ClientConnection
        self._connect = _websockets_connect(uri, create_connection=_tracking(base), **kwargs)

    def _policy_for(self, profile: Profile | None) -> ReconnectPolicy:
        """The policy with its settings and ``profile``."""
        if profile == self._policy.profile:
            return self._policy
        policy = self._policies.get(profile)
        if policy is None:
            p = self._policy
            policy = ReconnectPolicy(
                profile=profile,
                base_ms=p.base_ms,
                cap_ms=p.cap_ms,
                max_attempts=p.max_attempts,
                retry_unspecified=p.retry_unspecified,
                overrides=p.overrides,
            )
            self._policies[profile] = policy
        return policy

    def _read(self, ws: ClientConnection, attempt: int) -> tuple[Closed, ConnectionClosed]:
        """The close of ``ws``, and the policy's decision about it."""
        closed_exc = ws.protocol.close_exc
        code, reason, was_clean = _wsclose._close_parts(closed_exc)
        profile = self._profile or self._policy.profile
        if profile is None and ws.subprotocol is not None:
            profile = Profile.by_subprotocol(ws.subprotocol)
        policy = self._policy_for(profile)
        clean = was_clean is True
        record = Closed(
            code=info(code).code,
            reason=reason or "",
            was_clean=clean,
            rcvd_then_sent=closed_exc.rcvd_then_sent,
            profile=profile,
            advice=policy.advice(code, clean),
            decision=policy.decide(code, clean, attempt, self._random),
            attempt=attempt,
            causes=explain(code, clean).causes,
        )
        return record, closed_exc

    async def __aiter__(self) -> AsyncIterator[ClientConnection]:
        loop = asyncio.get_running_loop()
        attempt = 0
        # websockets' own iterator: it connects, and retries or raises connection errors.
        inner = cast(AsyncGenerator[ClientConnection, None], aiter(self._connect))
        try:
            async for ws in inner:
                opened = loop.time()
                yield ws
                if ws.state is State.OPEN:
                    continue  # websockets closes it (1000) and reconnects at once
                await ws.wait_closed()
                if ws in _APP_CLOSED:
                    return
                if loop.time() - opened >= self._min_uptime:
                    attempt = 0
                record, closed_exc = self._read(ws, attempt)
                if self._on_close is not None:
                    self._on_close(record)
                delay_ms = record.decision.retry_after_ms
                if delay_ms is None:
                    raise FinalClose(record) from closed_exc
                attempt += 1
                await self._sleep(delay_ms / 1000)
        finally:
            await inner.aclose()
