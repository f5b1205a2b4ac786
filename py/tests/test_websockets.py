"""wsclose.websockets against a real loopback websockets server: final codes end the loop with
FinalClose, other closes come back after the policy's delay, connection errors and the app's own
close keep websockets' semantics. Runs against every websockets version the extra allows
(make test-py-websockets sets WSCLOSE_EXPECT_WEBSOCKETS to the version each run must import)."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Sequence

import pytest
import websockets
from websockets.version import version as websockets_version
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

import wsclose
import wsclose.websockets as wsw
from _ws_server import Abort, Action, CloseWith, Hold, ScriptedServer, run
from wsclose import Advice, ReconnectPolicy

MAX_RANDOM = 2**64 - 1  # the policy's random value that gives the full ceiling as delay


def test_runs_with_the_expected_websockets_version() -> None:
    expected = os.environ.get("WSCLOSE_EXPECT_WEBSOCKETS")
    print(f"websockets {websockets_version} from {websockets.__file__}")
    if expected is not None:
        assert websockets_version == expected


class Sleeps:
    """The sleep the wrapper awaits: records each delay (seconds), then really sleeps it."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(seconds)


async def read_until_closed(ws: ClientConnection) -> None:
    async for _message in ws:
        pass


async def drive(
    actions: Sequence[Action],
    *,
    subprotocols: Sequence[str] | None = None,
    client_subprotocols: Sequence[str] | None = None,
    stop_after: int | None = None,
    **options: object,
) -> tuple[ScriptedServer, list[wsw.Closed], BaseException | None, Sleeps]:
    """Runs the documented loop against a server playing ``actions``. The app closes the
    connection itself when it is number ``stop_after`` (1-based; default: the one after the
    scripted actions), which ends the loop."""
    records: list[wsw.Closed] = []
    sleeps = Sleeps()
    stop_at = len(actions) + 1 if stop_after is None else stop_after
    raised: BaseException | None = None
    async with ScriptedServer(actions, subprotocols) as server:
        extra: dict[str, object] = {"sleep": sleeps, "on_close": records.append}
        if client_subprotocols is not None:
            extra["subprotocols"] = list(client_subprotocols)
        extra.update(options)
        try:
            count = 0
            async for ws in wsw.connect(server.uri, **extra):  # type: ignore[arg-type]
                count += 1
                if count == stop_at:
                    await ws.close(4000, "app done")
                try:
                    await read_until_closed(ws)
                except ConnectionClosed:
                    continue
        except wsw.FinalClose as final:
            raised = final
    return server, records, raised, sleeps


SMALL = ReconnectPolicy(base_ms=10, cap_ms=1_000)


def test_discord_4004_is_final_with_the_profile_given() -> None:
    server, records, raised, sleeps = run(
        lambda: drive([CloseWith(4004, "bad token")], profile="discord-gateway", policy=SMALL)
    )
    assert server.connections == 1
    assert isinstance(raised, wsw.FinalClose)
    closed = raised.closed
    assert records == [closed]
    assert (closed.code, closed.reason, closed.was_clean, closed.rcvd_then_sent) == (4004, "bad token", True, True)
    assert closed.profile == wsclose.Profile.by_name("discord-gateway")
    assert closed.advice == Advice.STOP
    assert closed.decision.stop and closed.delay_ms is None
    assert closed.attempt == 0
    assert closed.causes == wsclose.explain(4004, True).causes
    assert isinstance(raised.__cause__, ConnectionClosed)
    assert sleeps.delays == []
    assert "4004" in str(raised) and "discord-gateway" in str(raised)


def test_4004_without_a_profile_is_retried() -> None:
    server, records, raised, _ = run(lambda: drive([CloseWith(4004)], policy=SMALL, random=lambda: MAX_RANDOM))
    assert raised is None
    assert server.connections == 2
    assert [(r.code, r.profile, r.advice) for r in records] == [(4004, None, Advice.RETRY)]


def test_graphql_ws_4400_is_final_by_the_negotiated_subprotocol() -> None:
    server, records, raised, _ = run(
        lambda: drive(
            [CloseWith(4400, "Invalid message")],
            subprotocols=["graphql-transport-ws"],
            client_subprotocols=["graphql-transport-ws"],
            policy=SMALL,
        )
    )
    assert server.subprotocols_seen == ["graphql-transport-ws"]
    assert isinstance(raised, wsw.FinalClose)
    assert raised.closed.profile == wsclose.Profile.by_subprotocol("graphql-transport-ws")
    assert (raised.closed.code, raised.closed.advice) == (4400, Advice.STOP)
    assert server.connections == 1


def test_centrifuge_4501_is_final() -> None:
    server, _, raised, _ = run(
        lambda: drive(
            [CloseWith(4501, "unrecoverable")],
            subprotocols=["centrifuge-json"],
            client_subprotocols=["centrifuge-json"],
            policy=SMALL,
        )
    )
    assert isinstance(raised, wsw.FinalClose)
    assert raised.closed.profile == wsclose.Profile.by_name("centrifuge")
    assert raised.closed.code == 4501
    assert server.connections == 1


def test_centrifuge_retries_1012_1013_4000_after_the_policy_delays() -> None:
    policy = ReconnectPolicy(base_ms=10, cap_ms=1_000)
    server, records, raised, sleeps = run(
        lambda: drive(
            [CloseWith(1012), CloseWith(1013), CloseWith(4000)],
            profile="centrifuge",
            policy=policy,
            random=lambda: MAX_RANDOM,
        )
    )
    assert raised is None
    assert server.connections == 4
    assert [r.code for r in records] == [1012, 1013, 4000]
    assert all(r.advice.reconnects for r in records)
    assert [r.attempt for r in records] == [0, 1, 2]
    # The full ceiling, min(cap, base * 2**attempt), with the largest random value.
    assert [r.delay_ms for r in records] == [policy.ceiling_ms(a) for a in range(3)] == [10, 20, 40]
    assert sleeps.delays == [0.01, 0.02, 0.04]
    gaps = [later - earlier for earlier, later in zip(server.opened, server.opened[1:], strict=False)]
    assert all(gap >= delay for gap, delay in zip(gaps, sleeps.delays, strict=True))


def test_delays_take_the_policy_random_draw() -> None:
    # random 0 gives delay 0; half the range gives half the ceiling (rounded down).
    _, records, _, _ = run(lambda: drive([CloseWith(1013)], policy=SMALL, random=lambda: 0))
    assert [r.delay_ms for r in records] == [0]
    _, records, _, _ = run(lambda: drive([CloseWith(1013)], policy=SMALL, random=lambda: 2**63))
    assert [r.delay_ms for r in records] == [5]


def test_1001_comes_back() -> None:
    server, records, raised, _ = run(
        lambda: drive([CloseWith(1001, "restarting")], policy=SMALL, random=lambda: MAX_RANDOM)
    )
    assert raised is None
    assert server.connections == 2
    [record] = records
    assert (record.code, record.reason, record.was_clean, record.advice) == (1001, "restarting", True, Advice.RETRY)
    assert record.code is wsclose.CloseCode.GOING_AWAY


def test_a_dropped_tcp_connection_reconnects_as_1006() -> None:
    server, records, raised, _ = run(lambda: drive([Abort()], policy=SMALL, random=lambda: MAX_RANDOM))
    assert raised is None
    assert server.connections == 2
    [record] = records
    assert (record.code, record.was_clean, record.rcvd_then_sent) == (1006, False, None)
    assert record.advice.reconnects
    assert record.causes == wsclose.explain(1006, False).causes


def test_max_attempts_ends_with_final_close_whose_advice_still_reconnects() -> None:
    policy = ReconnectPolicy(base_ms=1, cap_ms=5, max_attempts=2)
    server, records, raised, _ = run(lambda: drive([CloseWith(1013)] * 5, policy=policy))
    assert server.connections == 3
    assert isinstance(raised, wsw.FinalClose)
    assert raised.closed.attempt == 2 and raised.closed.advice.reconnects
    assert [r.decision.stop for r in records] == [False, False, True]


def test_a_connection_that_stayed_up_restarts_the_backoff() -> None:
    _, records, _, _ = run(lambda: drive([CloseWith(1013)] * 3, policy=SMALL, min_uptime=0.0))
    assert [r.attempt for r in records] == [0, 0, 0]


def test_the_app_closing_ends_the_iteration_without_a_decision() -> None:
    server, records, raised, sleeps = run(lambda: drive([Hold()], stop_after=1, policy=SMALL))
    assert (server.connections, records, raised, sleeps.delays) == (1, [], None, [])


def test_a_body_that_continues_on_an_open_connection_reconnects_at_once() -> None:
    async def main() -> int:
        async with ScriptedServer([Hold(), Hold()]) as server:
            records: list[wsw.Closed] = []
            count = 0
            async for ws in wsw.connect(server.uri, on_close=records.append):
                count += 1
                if count == 2:
                    await ws.close()
                    continue
                continue  # the connection is still open
            assert records == []
            return server.connections

    assert run(main) == 2


def test_connection_errors_keep_websockets_handling() -> None:
    # process_exception is websockets' own argument: passed through, it makes the refused
    # connection fatal, and the OSError comes out of the loop untouched.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def main() -> None:
        async for _ws in wsw.connect(f"ws://127.0.0.1:{port}/", process_exception=lambda exc: exc):
            raise AssertionError("connected to a closed port")

    with pytest.raises(OSError):
        run(main)


RETRY_SCRIPT = """
import asyncio, socket, sys
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed
import wsclose, wsclose.websockets as wsw

async def main() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    errors: list[str] = []
    records: list[int] = []
    served = 0

    def process(exc: Exception) -> Exception | None:
        errors.append(type(exc).__name__)
        return None  # retry, with websockets' own backoff

    async def handler(ws: ServerConnection) -> None:
        nonlocal served
        served += 1
        if served == 1:
            await ws.close(1013)
        else:
            await ws.wait_closed()

    async def start_later() -> None:
        await asyncio.sleep(0.3)
        await serve(handler, "127.0.0.1", port)

    starter = asyncio.create_task(start_later())
    count = 0
    policy = wsclose.ReconnectPolicy(base_ms=1, cap_ms=1)
    async for ws in wsw.connect(f"ws://127.0.0.1:{port}/", process_exception=process, policy=policy,
                                on_close=lambda closed: records.append(int(closed.code))):
        count += 1
        if count == 2:
            await ws.close()
        try:
            await ws.recv()
        except ConnectionClosed:
            continue
    await starter
    print(" ".join(errors), "|", " ".join(map(str, records)))

asyncio.run(asyncio.wait_for(main(), 20))
"""


def test_refused_connections_are_retried_by_websockets_without_a_decision() -> None:
    # websockets reads its backoff settings from the environment at import: a subprocess makes
    # them short. The refused attempts go to process_exception (websockets' handling), the close
    # that follows to the policy (one decision).
    import subprocess
    import sys

    env = dict(os.environ)
    env.update(
        WEBSOCKETS_BACKOFF_INITIAL_DELAY="0.05",
        WEBSOCKETS_BACKOFF_MIN_DELAY="0.05",
        WEBSOCKETS_BACKOFF_MAX_DELAY="0.1",
    )
    result = subprocess.run(
        [sys.executable, "-c", RETRY_SCRIPT], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    errors, records = result.stdout.strip().split(" | ")
    assert errors and set(errors.split()) == {"ConnectionRefusedError"}
    assert records == "1013"


def test_bad_arguments_are_typed_errors() -> None:
    with pytest.raises(ValueError, match="no profile is named 'discord'"):
        wsw.connect("ws://127.0.0.1:9/", profile="discord")
    with pytest.raises(TypeError, match="policy must be a wsclose.ReconnectPolicy"):
        wsw.connect("ws://127.0.0.1:9/", policy={"base_ms": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="profile must be a profile name"):
        wsw.connect("ws://127.0.0.1:9/", profile=4004)  # type: ignore[arg-type]


def test_the_policy_settings_are_kept_with_the_connection_profile() -> None:
    policy = ReconnectPolicy(base_ms=7, cap_ms=9, max_attempts=4, retry_unspecified=False, overrides={4000: Advice.STOP})
    _, records, raised, _ = run(lambda: drive([CloseWith(4000)], policy=policy, profile="centrifuge"))
    # The override wins over centrifuge's own advice for 4000 (retry).
    assert isinstance(raised, wsw.FinalClose) and records[0].advice == Advice.STOP


def test_importing_wsclose_does_not_import_websockets_wrapper() -> None:
    import subprocess
    import sys

    code = "import sys, wsclose; print('websockets' in sys.modules, 'wsclose.websockets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.split() == ["False", "False"]


def test_final_close_says_why_and_pickles() -> None:
    import pickle

    closed = wsw.Closed(
        code=4004,
        reason="bad token",
        was_clean=True,
        rcvd_then_sent=True,
        profile=wsclose.Profile.by_name("discord-gateway"),
        advice=Advice.STOP,
        decision=wsclose.Decision(None),
        attempt=0,
        causes=wsclose.explain(4004, True).causes,
    )
    final = wsw.FinalClose(closed)
    assert str(final) == "close 4004 'bad token' is final (discord-gateway, advice STOP)"
    copy = pickle.loads(pickle.dumps(final))
    assert type(copy) is wsw.FinalClose and copy.closed == closed
