"""The browser model (``close_event``, ``page_close``), through the public API.

Expectations come from the package's own API (which answers from the core), from the core's
tables exposed by ``wsclose._wsclose``, or from the differential corpus; nothing is retyped here.
The differential (``make diff-python``) checks every answer byte for byte against the core."""

from __future__ import annotations

import builtins
import pickle

import pytest

import wsclose
from wsclose import (
    CloseCode,
    DomException,
    DomSyntaxError,
    Engine,
    InvalidAccessError,
    PayloadError,
)

ALL_CODES = range(65536)


def test_engines_are_str_enum_members() -> None:
    assert len(Engine) > 0
    for engine in Engine:
        assert Engine(engine.value) is engine and engine.name == engine.value.upper()
        # A str value works as well as the member.
        assert wsclose.close_event(engine.value, None).engine is engine  # type: ignore[arg-type]


def test_dropped_connection() -> None:
    for engine in Engine:
        event = wsclose.close_event(engine, None)
        assert event.code is CloseCode.ABNORMAL_CLOSURE and not event.was_clean
        assert event.reply is None and event.reason == ""
        assert not event.error_fired


def test_reset_connection() -> None:
    # Measured: Firefox fires `error` before `close` for an RST; Chromium does not.
    for engine, error_fired in [(Engine.CHROMIUM, False), (Engine.FIREFOX, True)]:
        event = wsclose.reset_event(engine)
        assert event.engine is engine and event.code is CloseCode.ABNORMAL_CLOSURE
        assert not event.was_clean and event.reply is None and event.reason == ""
        assert event.error_fired is error_fired
    assert wsclose.reset_event("firefox").error_fired  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wsclose.reset_event(b"firefox")  # type: ignore[arg-type]


def test_a_payload_the_core_accepts_is_a_clean_close_in_every_engine() -> None:
    for code in ALL_CODES:
        payload = code.to_bytes(2, "big") + b"ok"
        try:
            close = wsclose.parse_close_payload(payload)
        except PayloadError:
            continue
        for engine in Engine:
            event = wsclose.close_event(engine, payload)
            assert (event.code, event.reason, event.was_clean, event.error_fired) == (close.code, "ok", True, False)
            assert event.reply is not None and event.reply.payload == payload
            assert event.reply.code == code and event.reply.reason == "ok"


def test_close_event_takes_bytes_like_payloads() -> None:
    payload = b"\x0f\xa0busy"
    for engine in Engine:
        want = wsclose.close_event(engine, payload)
        for other in (bytearray(payload), memoryview(payload)):
            got = wsclose.close_event(engine, other)
            assert (got.code, got.reason, got.reply) == (want.code, want.reason, want.reply)
        with pytest.raises(TypeError):
            wsclose.close_event(engine, "busy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not an engine"):
        wsclose.close_event("netscape", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wsclose.close_event(0, None)  # type: ignore[arg-type]


def test_page_close_of_every_integer_code() -> None:
    for code in ALL_CODES:
        for engine in Engine:
            if wsclose.info(code).browser_closeable:
                sent = wsclose.page_close(engine, code)
                assert sent.code == code and sent.reason == ""
                assert sent.payload == wsclose.encode_close_payload(code)
            else:
                with pytest.raises(InvalidAccessError) as raised:
                    wsclose.page_close(engine, code)
                assert raised.value.name == "InvalidAccessError" == str(raised.value)


def test_page_close_reason_goes_as_utf16_code_units() -> None:
    for engine in Engine:
        # A lone surrogate becomes U+FFFD in the core (USVString), not an error.
        sent = wsclose.page_close(engine, 1000, "a\ud800b")
        assert sent.reason == "a\ufffdb"
        assert sent.payload == wsclose.encode_close_payload(1000, "a\ufffdb")
        limit = wsclose.MAX_REASON_LEN
        assert len(wsclose.page_close(engine, 4000, "\udc00" * (limit // 3)).reason.encode()) == limit
        with pytest.raises(DomSyntaxError) as raised:
            wsclose.page_close(engine, 4000, "a" * (limit + 1))
        assert raised.value.name == "SyntaxError" and isinstance(raised.value, DomException)
        assert not isinstance(raised.value, builtins.SyntaxError)
        empty = wsclose.page_close(engine)
        assert empty.code is None and empty.payload == b""


def test_page_close_engines_convert_numbers_differently() -> None:
    # The core's JS number conversion: the two engines may disagree on a fraction.
    answers = set()
    for engine in Engine:
        try:
            answers.add(wsclose.page_close(engine, 4999.6).code)
        except InvalidAccessError:
            answers.add(None)
    assert len(answers) == len(Engine)
    with pytest.raises(TypeError):
        wsclose.page_close(Engine.CHROMIUM, "1000")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wsclose.page_close(Engine.CHROMIUM, 1000, b"bye")  # type: ignore[arg-type]


def test_dom_exceptions_pickle() -> None:
    for cls in (InvalidAccessError, DomSyntaxError):
        err = cls(cls.name)
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is cls and again.name == cls.name


def test_page_close_with_an_int_beyond_every_float_is_that_infinity() -> None:
    # JavaScript's Number(10n ** 400n) is Infinity: the model clamps it like 1e300 or Infinity
    # (both in the differential's pageclose rows), so the DOM's InvalidAccessError, never OverflowError.
    for engine in Engine:
        for huge, like in ((10**400, float("inf")), (-(10**400), float("-inf"))):
            for reason in (None, "x"):
                with pytest.raises(InvalidAccessError):
                    wsclose.page_close(engine, like, reason)
                with pytest.raises(InvalidAccessError):
                    wsclose.page_close(engine, huge, reason)
