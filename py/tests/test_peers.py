"""Differential tests against the two Python WebSocket stacks, driven through their real
protocol objects: ``websockets`` (``websockets.protocol.Protocol``, which runs
``frames.Close.parse``/``check`` and its ``EXTERNAL_CLOSE_CODES`` table) and ``wsproto``
(``wsproto.frame_protocol.FrameProtocol``, which runs its close-code validation).

Each peer gets a Close frame for every one of the 65,536 codes and for a corpus of payloads. Where
a peer's answer differs from wsclose's, the difference must be listed below with its reason;
an unlisted difference, or a listed one that no longer happens, fails the test.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from importlib.metadata import version

import websockets.frames
import wsproto.frame_protocol as wsproto_frames
from _support import parse_vectors
from websockets.protocol import Protocol, Side, State

import wsclose

# What each peer does differently, and why wsclose does what it does.
WEBSOCKETS_CODE_DIFFERENCES: dict[int, str] = {}
WSPROTO_CODE_DIFFERENCES: dict[int, str] = {
    1014: (
        "wsproto's CloseReason enum stops at 1013 (plus 1015), so 1014 Bad Gateway falls into its "
        "'unknown reserved code' check and is rejected; 1014 is in the IANA registry and wsclose "
        "accepts it, so a gateway's orderly close is not turned into a protocol error"
    ),
}

# Payloads where the peer closes with another code than wsclose (code-level differences aside).
BAD_CODE_BAD_UTF8 = "websockets decodes the reason before it checks the code, so a bad code with a bad reason is " \
    "answered 1007 there; wsclose (like wsproto and the RFC's order) checks the code first and answers 1002"


@dataclass(frozen=True)
class Outcome:
    """What a stack makes of a received Close payload: the code it reports, or the code it
    fails the connection with."""

    accepted: bool
    code: int
    reason: str = ""


def frame(payload: bytes) -> bytes:
    """An unmasked, final Close frame (server to client) carrying ``payload``."""
    length = len(payload)
    header = bytes([0x88, length]) if length < 126 else b"\x88\x7e" + struct.pack("!H", length)
    return header + payload


def ours(payload: bytes) -> Outcome:
    try:
        close = wsclose.parse_close_payload(payload)
    except wsclose.PayloadError as err:
        assert err.close_code is not None, "a parse error always has a code to answer with"
        return Outcome(False, int(err.close_code))
    return Outcome(True, int(close.code), close.reason)


def via_websockets(payload: bytes) -> Outcome:
    protocol = Protocol(Side.CLIENT, state=State.OPEN)
    protocol.receive_data(frame(payload))
    if protocol.close_rcvd is not None:
        return Outcome(True, int(protocol.close_rcvd.code), protocol.close_rcvd.reason)
    assert protocol.close_sent is not None, "websockets neither accepted nor failed the frame"
    return Outcome(False, int(protocol.close_sent.code))


def via_wsproto(payload: bytes) -> Outcome:
    protocol = wsproto_frames.FrameProtocol(client=True, extensions=[])
    protocol.receive_bytes(frame(payload))
    try:
        frames = list(protocol.received_frames())
    except wsproto_frames.ParseFailed as err:
        return Outcome(False, int(err.code))
    assert len(frames) == 1
    received = frames[0].payload
    assert isinstance(received, tuple)
    code, reason = received
    return Outcome(True, int(code), reason)


def accepted_codes(parse: object) -> set[int]:
    assert callable(parse)
    return {code for code in range(65536) if parse(code.to_bytes(2, "big")).accepted}


def test_peer_versions_are_the_pinned_ones() -> None:
    # The expectations below were read from these versions' source; a new version must be
    # re-read, not silently trusted.
    assert version("websockets") == "17.4"
    assert version("wsproto") == "1.3.2"


def test_every_code_against_websockets() -> None:
    mine = accepted_codes(ours)
    theirs = accepted_codes(via_websockets)
    assert mine == {code for code in range(65536) if wsclose.info(code).sendable}
    differing = sorted(mine ^ theirs)
    assert differing == sorted(WEBSOCKETS_CODE_DIFFERENCES), f"websockets differs on codes {differing}"
    # Their table, read directly, says the same as their parser.
    table = {code for code in range(65536) if code in websockets.frames.EXTERNAL_CLOSE_CODES or 3000 <= code < 5000}
    assert table == theirs
    # Their idea of a clean close matches ours.
    assert {int(code) for code in websockets.frames.OK_CLOSE_CODES} == {
        code for code in range(65536) if wsclose.info(code).ok
    }


def test_every_code_against_wsproto() -> None:
    mine = accepted_codes(ours)
    theirs = accepted_codes(via_wsproto)
    differing = sorted(mine ^ theirs)
    assert differing == sorted(WSPROTO_CODE_DIFFERENCES), f"wsproto differs on codes {differing}"
    assert 1014 in mine and 1014 not in theirs
    # Their local-only list is ours.
    assert {int(code) for code in wsproto_frames.LOCAL_ONLY_CLOSE_REASONS} == {
        code for code in range(65536) if wsclose.info(code).local_only
    }


def corpus() -> list[bytes]:
    payloads = [vector.payload for vector in parse_vectors()]
    assert len(payloads) > 0, "no rows read from parse.tsv"
    payloads += [
        b"\x03\xe8" + "ünïcödé ✓ 𝄞".encode(),
        b"\x0b\xb8" + b"x" * 123,
        b"\x0f\xa0\xed\xa0\x80",  # an encoded surrogate: not UTF-8
        b"\x03\xf6gateway",  # 1014 with a reason
        b"\x03\xf7tls",  # 1015 is never sent
        b"\x07\xd0\xff",  # 2000 (reserved) and a bad reason
    ]
    return payloads


def _differences(peer: object) -> dict[bytes, tuple[Outcome, Outcome]]:
    assert callable(peer)
    found = {}
    for payload in corpus():
        mine, theirs = ours(payload), peer(payload)
        if mine != theirs:
            found[payload] = (mine, theirs)
    return found


def _explain(payload: bytes, code_differences: dict[int, str], order_reason: str | None) -> str | None:
    """Why a payload may differ: the code is a listed difference, or the check order."""
    if len(payload) >= 2 and int.from_bytes(payload[:2], "big") in code_differences:
        return code_differences[int.from_bytes(payload[:2], "big")]
    if order_reason is not None and 2 <= len(payload) <= 125:
        code = int.from_bytes(payload[:2], "big")
        try:
            payload[2:].decode("utf-8")
        except UnicodeDecodeError:
            if not wsclose.info(code).sendable:
                return order_reason
    return None


def test_payload_corpus_against_websockets() -> None:
    found = _differences(via_websockets)
    unexplained = {
        payload.hex(): outcomes
        for payload, outcomes in found.items()
        if _explain(payload, WEBSOCKETS_CODE_DIFFERENCES, BAD_CODE_BAD_UTF8) is None
    }
    assert not unexplained, f"unexplained differences with websockets: {unexplained}"
    # The order difference is real (and so the test above can fail): both are seen.
    bad_both = bytes.fromhex("07d0ff")
    assert found[bad_both] == (Outcome(False, 1002), Outcome(False, 1007)), BAD_CODE_BAD_UTF8


def test_payload_corpus_against_wsproto() -> None:
    found = _differences(via_wsproto)
    unexplained = {
        payload.hex(): outcomes
        for payload, outcomes in found.items()
        if _explain(payload, WSPROTO_CODE_DIFFERENCES, None) is None
    }
    assert not unexplained, f"unexplained differences with wsproto: {unexplained}"
    assert found[b"\x03\xf6gateway"] == (Outcome(True, 1014, "gateway"), Outcome(False, 1002))
