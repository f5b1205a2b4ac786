"""The Python surface: enums, CodeInfo, Close, errors and their messages, buffers."""

from __future__ import annotations

import array
import enum
import pickle
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wsclose
from wsclose import (
    Category,
    Close,
    CloseCode,
    CodeInfo,
    PayloadError,
    PayloadErrorKind,
    Reconnect,
)

# --- enums ----------------------------------------------------------------------------------


def test_close_code_is_an_http_status_like_int_enum() -> None:
    assert issubclass(CloseCode, enum.IntEnum)
    assert isinstance(CloseCode.NORMAL_CLOSURE, int)
    assert int(CloseCode.NORMAL_CLOSURE) == 1000 and int(CloseCode.TLS_HANDSHAKE) == 1015
    assert CloseCode.NORMAL_CLOSURE + 0 == 1000
    assert CloseCode(1014) is CloseCode.BAD_GATEWAY
    assert CloseCode.GOING_AWAY.phrase == wsclose.info(1001).name
    assert CloseCode.GOING_AWAY.description == wsclose.info(1001).description
    assert CloseCode.GOING_AWAY.category is Category.STANDARD
    assert CloseCode.GOING_AWAY.ok and not CloseCode.GOING_AWAY.browser_closeable
    assert CloseCode.ABNORMAL_CLOSURE.local_only and not CloseCode.ABNORMAL_CLOSURE.sendable
    assert CloseCode.NORMAL_CLOSURE.browser_closeable
    assert CloseCode.TRY_AGAIN_LATER.reconnect is Reconnect.BACKOFF
    assert CloseCode.POLICY_VIOLATION.reconnect is Reconnect.NEVER
    with pytest.raises(ValueError):
        CloseCode(1016)
    # The IANA-registered codes the core names are members too, in the registered category.
    assert int(CloseCode.TIMEOUT) == 3008 and CloseCode.TIMEOUT.category is Category.REGISTERED
    assert CloseCode.TIMEOUT.phrase == wsclose.info(3008).name and CloseCode.TIMEOUT.sendable


def test_category_and_reconnect() -> None:
    for category in Category:
        assert category.label and category.description
        assert wsclose.classify(category.range[0]) is category and wsclose.classify(category.range[-1]) is category
    assert all(advice.label for advice in Reconnect)
    assert wsclose.info(4000).reconnect is Reconnect.APP_DEFINED


# --- classify and info ----------------------------------------------------------------------


def test_classify_returns_the_cached_members() -> None:
    assert wsclose.classify(999) is Category.UNUSED
    assert wsclose.classify(1000) is Category.STANDARD
    assert wsclose.classify(1016) is Category.RESERVED
    assert wsclose.classify(3000) is Category.REGISTERED
    assert wsclose.classify(4999) is Category.PRIVATE
    assert wsclose.classify(65535) is Category.OUT_OF_RANGE


def test_int_like_arguments() -> None:
    # IntEnum members and numpy integers are ints (or have __index__).
    assert wsclose.classify(CloseCode.GOING_AWAY) is Category.STANDARD
    assert wsclose.classify(Category.PRIVATE) is Category.UNUSED  # the int 4
    assert wsclose.classify(np.uint16(4000)) is Category.PRIVATE
    assert wsclose.classify(np.int64(1000)) is Category.STANDARD
    # bool is an int subclass, and is accepted as one (documented): True is code 1.
    assert wsclose.classify(True) is Category.UNUSED
    assert wsclose.info(False).code == 0
    with pytest.raises(PayloadError):
        wsclose.encode_close_payload(True)


BAD_VALUES: list[tuple[object, str]] = [
    (-1, "-1"),
    (65536, "65536"),
    (2**64, "18446744073709551616"),
    (-(2**70), "-1180591620717411303424"),
    (np.int64(-5), "-5"),
]
BAD_TYPES: list[tuple[object, str]] = [
    ("1000", "str"),
    (1000.0, "float"),
    (None, "NoneType"),
    (b"\x03\xe8", "bytes"),
    ([1000], "list"),
    (np.float64(1000), "float64"),
]


@pytest.mark.parametrize(("value", "shown"), BAD_VALUES)
def test_out_of_range_is_value_error_naming_the_value(value: object, shown: str) -> None:
    message = f"close code {shown} is out of range: close codes are 0 to 65535"
    for function in (wsclose.classify, wsclose.info, wsclose.encode_close_payload):
        with pytest.raises(ValueError) as caught:
            function(value)  # type: ignore[arg-type]
        assert type(caught.value) is ValueError
        assert str(caught.value) == message


@pytest.mark.parametrize(("value", "type_name"), BAD_TYPES)
def test_non_integers_are_type_error_naming_the_type(value: object, type_name: str) -> None:
    for function in (wsclose.classify, wsclose.encode_close_payload):
        with pytest.raises(TypeError) as caught:
            function(value)  # type: ignore[arg-type]
        assert str(caught.value) == f"a close code must be an int, not {type_name}"
    # info() also reads the close objects of websockets and aiohttp (tests/test_interop.py).
    with pytest.raises(TypeError) as caught:
        wsclose.info(value)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "a close code must be an int or a close object (a websockets ConnectionClosed or Close, "
        f"an aiohttp CLOSE WSMessage, an object with an int .code), not {type_name}"
    )


def test_huge_int_message_stays_readable() -> None:
    with pytest.raises(ValueError, match="out of range"):
        wsclose.classify(10**5000)


def test_code_info_value_semantics() -> None:
    facts = wsclose.info(1006)
    assert isinstance(facts, CodeInfo)
    assert facts == wsclose.info(CloseCode.ABNORMAL_CLOSURE)
    assert facts != wsclose.info(1007)
    assert hash(facts) == hash(wsclose.info(1006))
    assert len({wsclose.info(code) for code in [1000, 1000, 4000, 4000, 4001]}) == 3
    assert facts.code is CloseCode.ABNORMAL_CLOSURE
    assert type(wsclose.info(4000).code) is int
    assert repr(facts) == (
        "CodeInfo(code=1006, category=Category.STANDARD, name='Abnormal Closure', sendable=False, "
        "local_only=True, browser_closeable=False, ok=False, reconnect=Reconnect.BACKOFF)"
    )
    assert repr(wsclose.info(4000)).startswith("CodeInfo(code=4000, category=Category.PRIVATE, name=None,")
    assert wsclose.info(1006) is facts  # cached for the codes the core names
    assert pickle.loads(pickle.dumps(facts)) is facts
    assert pickle.loads(pickle.dumps(wsclose.info(4321))) == wsclose.info(4321)
    assert facts != 1006 and facts != (1006,)
    with pytest.raises(AttributeError):
        facts.ok = True
    with pytest.raises(TypeError):
        CodeInfo()


# --- payloads -------------------------------------------------------------------------------


def test_parse_close_payload() -> None:
    assert wsclose.parse_close_payload(b"") == Close(CloseCode.NO_STATUS_RECEIVED, "")
    close = wsclose.parse_close_payload(b"\x03\xe9bye")
    assert isinstance(close, Close) and isinstance(close, tuple)
    assert close == (1001, "bye") and close.code is CloseCode.GOING_AWAY and close.reason == "bye"
    assert repr(close) == "Close(code=<CloseCode.GOING_AWAY: 1001>, reason='bye')"
    assert wsclose.parse_close_payload(bytearray(b"\x0f\xa0\xc3\xa9")) == (4000, "é")
    assert wsclose.parse_close_payload(array.array("B", b"\x0b\xb8")) == (3000, "")
    assert wsclose.parse_close_payload(memoryview(b"xx\x03\xe8ok")[2:]) == (1000, "ok")
    # A reason-less Close of a standard code is shared, like small ints (tuples are immutable).
    assert wsclose.parse_close_payload(b"\x03\xe8") is wsclose.parse_close_payload(b"\x03\xe8")


# Error messages: the kind's fixed message comes from the core (kind.message); str(err) is the
# core's Display, with the details. A few examples of the latter, as the core's docs show them.
@pytest.mark.parametrize(
    ("payload", "kind", "carried", "message"),
    [
        (b"\x03", "ONE_BYTE", None, "close payload is 1 byte long; a status code needs 2"),
        (bytes(126), "TOO_LONG", None, "close payload is 126 bytes long; control frames carry at most 125"),
        (bytes(100_000), "TOO_LONG", None, "close payload is 100000 bytes long; control frames carry at most 125"),
        (b"\x03\xee", "INVALID_CODE", 1006, "close code 1006 Abnormal Closure may not be sent on the wire"),
        (b"\x13\x88", "INVALID_CODE", 5000, "close code 5000 (out of range) may not be sent on the wire"),
        (b"\x03\xe8ok\xff", "INVALID_UTF8", 1000, "close reason is not valid UTF-8 (first bad byte at offset 2 of the reason)"),
    ],
)
def test_parse_errors(payload: bytes, kind: str, carried: int | None, message: str) -> None:
    for data in (payload, bytearray(payload)):
        with pytest.raises(PayloadError) as caught:
            wsclose.parse_close_payload(data)
        err = caught.value
        assert isinstance(err, ValueError)
        assert err.kind is PayloadErrorKind(kind) and err.kind == kind
        assert err.close_code is err.kind.close_code and isinstance(err.close_code, CloseCode)
        assert err.code == carried
        assert str(err) == message
        clone = pickle.loads(pickle.dumps(err))
        assert (type(clone), str(clone), clone.kind, clone.close_code, clone.code) == (
            PayloadError,
            message,
            err.kind,
            err.close_code,
            err.code,
        )


def test_parse_accepts_any_bytes_like_object() -> None:
    for value, name in [("\x03\xe8", "str"), (1000, "int"), (None, "NoneType"), ([3, 232], "list")]:
        with pytest.raises(TypeError) as caught:
            wsclose.parse_close_payload(value)  # type: ignore[arg-type]
        assert str(caught.value) == f"parse_close_payload() needs a bytes-like object, not {name}"
    # A strided view is read in its logical order, like bytes(view).
    assert wsclose.parse_close_payload(memoryview(b"\x03x\xe8y")[::2]) == (1000, "")


def test_encode_close_payload() -> None:
    assert wsclose.encode_close_payload(1000) == b"\x03\xe8"
    assert wsclose.encode_close_payload(CloseCode.GOING_AWAY, "bye") == b"\x03\xe9bye"
    assert wsclose.encode_close_payload(4000, reason="é") == b"\x0f\xa0\xc3\xa9"
    assert wsclose.encode_close_payload(1000, None) == b"\x03\xe8"
    longest = "x" * wsclose.MAX_REASON_LEN
    assert wsclose.encode_close_payload(1000, longest) == b"\x03\xe8" + longest.encode()
    # bytes-like reasons are passed to the core as they are.
    assert wsclose.encode_close_payload(1000, b"bye") == b"\x03\xe8bye"
    assert wsclose.encode_close_payload(1000, bytearray(b"bye")) == b"\x03\xe8bye"
    assert wsclose.encode_close_payload(1000, memoryview(b"xbye")[1:]) == b"\x03\xe8bye"
    assert wsclose.encode_close_payload(1000, "😀") == b"\x03\xe8" + "😀".encode()


def test_encode_errors_carry_kind_answer_and_code() -> None:
    too_long = "é" * (wsclose.MAX_REASON_LEN // 2 + 1)
    cases: list[tuple[int, str | bytes, PayloadErrorKind]] = [
        (1005, "", PayloadErrorKind.INVALID_CODE),
        (999, "", PayloadErrorKind.INVALID_CODE),
        (1000, "x" * (wsclose.MAX_REASON_LEN + 1), PayloadErrorKind.REASON_TOO_LONG),
        (1000, too_long, PayloadErrorKind.REASON_TOO_LONG),
        (1000, "\ud800", PayloadErrorKind.INVALID_UTF8),
        (1000, b"\xff", PayloadErrorKind.INVALID_UTF8),
        (1004, "\ud800", PayloadErrorKind.INVALID_CODE),  # the code before UTF-8
        (1004, "x" * (wsclose.MAX_REASON_LEN + 1), PayloadErrorKind.REASON_TOO_LONG),  # the length first
    ]
    for code, reason, kind in cases:
        with pytest.raises(PayloadError) as caught:
            wsclose.encode_close_payload(code, reason)
        err = caught.value
        assert isinstance(err, ValueError)
        assert err.kind is kind, (code, reason)
        assert err.close_code is kind.close_code and err.code == code
        assert str(err)
        clone = pickle.loads(pickle.dumps(err))
        assert (str(clone), clone.kind, clone.close_code, clone.code) == (str(err), err.kind, err.close_code, err.code)


def test_lone_surrogates_reach_the_core_losslessly() -> None:
    # "a\ud800b" is 5 bytes with surrogatepass: the core reports the offset and the length of
    # that form, never a replacement character.
    with pytest.raises(PayloadError) as caught:
        wsclose.encode_close_payload(1000, "a\ud800b")
    assert caught.value.kind is PayloadErrorKind.INVALID_UTF8
    assert "offset 1" in str(caught.value)
    # A reason whose surrogatepass form is 1 byte too long is too long, not invalid UTF-8.
    reason = "\ud800" + "x" * (wsclose.MAX_REASON_LEN - 2)
    with pytest.raises(PayloadError) as caught:
        wsclose.encode_close_payload(1000, reason)
    assert caught.value.kind is PayloadErrorKind.REASON_TOO_LONG


def test_encode_rejects_other_reason_types() -> None:
    for value, name in [(5, "int"), (["x"], "list")]:
        with pytest.raises(TypeError) as caught:
            wsclose.encode_close_payload(1000, value)  # type: ignore[arg-type]
        assert str(caught.value) == f"a close reason must be a str or a bytes-like object, not {name}"


@given(st.integers(0, 65535), st.text(max_size=70))
def test_encode_then_parse_round_trips(code: int, reason: str) -> None:
    try:
        payload = wsclose.encode_close_payload(code, reason)
    except PayloadError as err:
        assert err.code == code
        return
    assert wsclose.parse_close_payload(payload) == (code, reason)
    assert wsclose.encode_close_payload(code, reason.encode()) == payload


@given(st.binary(max_size=140))
def test_parse_never_fails_any_other_way(data: bytes) -> None:
    try:
        close = wsclose.parse_close_payload(data)
    except PayloadError as err:
        assert err.close_code is not None and err.close_code is err.kind.close_code
    else:
        if data:  # the empty payload reads as 1005, which may not be sent
            assert wsclose.encode_close_payload(close.code, close.reason) == data
        assert close.reason.encode("utf-8") == data[2:]


# --- classify_many --------------------------------------------------------------------------

EXPECTED = bytes([0, 1, 2, 3, 4, 5])
CODES = [999, 1000, 2000, 3000, 4000, 5000]


def test_classify_many_inputs() -> None:
    assert wsclose.classify_many(array.array("H", CODES)) == EXPECTED
    assert wsclose.classify_many(memoryview(array.array("H", CODES))) == EXPECTED
    assert wsclose.classify_many(np.array(CODES, dtype=np.uint16)) == EXPECTED
    assert wsclose.classify_many(np.array(CODES, dtype=">u2")) == EXPECTED  # byte-swapped view
    assert wsclose.classify_many(np.array(CODES, dtype="<u2")) == EXPECTED
    assert wsclose.classify_many(np.array([CODES, CODES], dtype=np.uint16)) == EXPECTED * 2  # 2-D, C order
    assert wsclose.classify_many(CODES) == EXPECTED
    assert wsclose.classify_many(iter(CODES)) == EXPECTED
    assert wsclose.classify_many(range(998, 1002)) == bytes([0, 0, 1, 1])
    assert wsclose.classify_many([CloseCode.GOING_AWAY, np.uint16(4000), True]) == bytes([1, 4, 0])
    assert wsclose.classify_many([]) == b""
    assert wsclose.classify_many(array.array("H")) == b""
    # Raw bytes are pairs in native byte order, as memoryview(data).cast("H") reads them.
    raw = array.array("H", CODES).tobytes()
    assert wsclose.classify_many(raw) == EXPECTED
    assert wsclose.classify_many(bytearray(raw)) == EXPECTED
    # An odd offset makes the 16-bit items unaligned; the answer is the same.
    unaligned = memoryview(b"\x00" + raw)[1:]
    assert wsclose.classify_many(unaligned) == EXPECTED
    assert wsclose.classify_many(unaligned.cast("B")) == EXPECTED


def test_classify_many_releases_the_buffer_export() -> None:
    codes = np.array(CODES, dtype=np.uint16)
    before = sys.getrefcount(codes)
    assert wsclose.classify_many(codes) == EXPECTED
    assert sys.getrefcount(codes) == before  # the buffer export was released


def test_classify_many_errors() -> None:
    with pytest.raises(ValueError) as caught:
        wsclose.classify_many(b"\x03\xe8\x03")
    assert str(caught.value) == (
        "classify_many() got a byte buffer of 3 bytes, which is not a whole number of 16-bit codes "
        "(2 bytes each, native byte order)"
    )
    with pytest.raises(TypeError, match=r"format 'l' with 8-byte items; convert with array.array\('H'"):
        wsclose.classify_many(array.array("l", [1000]))
    with pytest.raises(TypeError, match="format 'h' with 2-byte items"):
        wsclose.classify_many(array.array("h", [1000]))
    with pytest.raises(TypeError, match="format 'f'"):
        wsclose.classify_many(np.array([1000.0], dtype=np.float32))
    with pytest.raises(ValueError, match="contiguous"):
        wsclose.classify_many(np.arange(10, dtype=np.uint16)[::2])
    with pytest.raises(TypeError) as type_caught:
        wsclose.classify_many("1000")  # type: ignore[arg-type]
    assert str(type_caught.value) == "classify_many() needs a buffer of uint16 or an iterable of ints, not str"
    with pytest.raises(TypeError) as type_caught:
        wsclose.classify_many(1000)  # type: ignore[arg-type]
    assert str(type_caught.value) == "classify_many() needs a buffer of uint16 or an iterable of ints, not int"
    with pytest.raises(TypeError) as type_caught:
        wsclose.classify_many([1000, "x"])  # type: ignore[list-item]
    assert str(type_caught.value) == "classify_many() item 1: a close code must be an int, not str"
    with pytest.raises(ValueError) as value_caught:
        wsclose.classify_many([1000, 1001, -3])
    assert str(value_caught.value) == "classify_many() item 2: close code -3 is out of range: close codes are 0 to 65535"


def test_private_module_refuses_second_registration() -> None:
    with pytest.raises(RuntimeError, match="already registered"):
        wsclose._wsclose._register(
            tuple(Category), tuple(Reconnect), tuple(CloseCode), tuple(PayloadErrorKind), Close, PayloadError
        )


def test_version() -> None:
    assert wsclose.__version__.count(".") == 2
