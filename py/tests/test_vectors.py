"""The shared golden vectors of tests/vectors/, which every binding runs."""

from __future__ import annotations

import pytest
from _support import encode_vectors, parse_vectors, read_tsv

import wsclose
from wsclose import Category, CloseCode, PayloadError, PayloadErrorKind, Reconnect


def test_codes_tsv() -> None:
    rows = read_tsv("codes.tsv")
    assert len(rows) > 0, "no rows read from codes.tsv"
    for row in rows:
        code = int(row["code"])
        facts = wsclose.info(code)
        where = f"code {code}"
        assert facts.code == code, where
        assert wsclose.classify(code) is Category(int(row["category"])), where
        assert facts.category is Category(int(row["category"])), where
        assert facts.name == (None if row["name"] == "-" else row["name"]), where
        assert facts.const_name == (None if row["const_name"] == "-" else row["const_name"]), where
        assert facts.sendable == (row["sendable"] == "1"), where
        assert facts.local_only == (row["local_only"] == "1"), where
        assert facts.browser_closeable == (row["browser_closeable"] == "1"), where
        assert facts.ok == (row["ok"] == "1"), where
        assert facts.reconnect is Reconnect(int(row["reconnect"])), where
        if row["const_name"] == "-":
            assert type(facts.code) is int, where
        else:
            # Every code the core names is a CloseCode member, with its facts on the member.
            member = CloseCode[row["const_name"]]
            assert facts.code is member, where
            assert member.phrase == row["name"] and member.category is facts.category, where
            assert (member.sendable, member.local_only, member.browser_closeable, member.ok) == (
                facts.sendable,
                facts.local_only,
                facts.browser_closeable,
                facts.ok,
            ), where
            assert member.reconnect is facts.reconnect and member.description == facts.description, where
        assert wsclose.classify_many([code]) == bytes([int(row["category"])]), where


def test_parse_tsv() -> None:
    for vector in parse_vectors():
        where = f"payload {vector.payload.hex() or '(empty)'}"
        # The same answer for every bytes-like type.
        for data in (vector.payload, bytearray(vector.payload), memoryview(vector.payload)):
            if vector.result == "OK":
                close = wsclose.parse_close_payload(data)
                assert close.code == vector.code, where
                assert close.reason.encode("utf-8") == vector.reason, where
                named = wsclose.info(vector.code).const_name is not None
                assert type(close.code) is (CloseCode if named else int), where
            else:
                with pytest.raises(PayloadError) as caught:
                    wsclose.parse_close_payload(data)
                err = caught.value
                assert err.kind is PayloadErrorKind(vector.result), where
                assert err.close_code == vector.code, where
                assert err.close_code is CloseCode(vector.code), where
                assert err.close_code is err.kind.close_code, where
                # The carried code: the payload's first two bytes, when parsing got to read them.
                if err.kind in (PayloadErrorKind.ONE_BYTE, PayloadErrorKind.TOO_LONG):
                    assert err.code is None, where
                else:
                    assert err.code == int.from_bytes(vector.payload[:2], "big"), where


def _check_encode(code: int, reason: str | bytes | bytearray | memoryview, result: str, answer: int | None, payload: bytes, where: str) -> None:
    if result == "OK":
        assert wsclose.encode_close_payload(code, reason) == payload, where
        return
    with pytest.raises(PayloadError) as caught:
        wsclose.encode_close_payload(code, reason)
    err = caught.value
    assert err.kind is PayloadErrorKind(result), where
    assert err.close_code == answer, where
    assert err.close_code is err.kind.close_code, where
    assert err.code == code, where
    assert str(err), where


def test_encode_tsv_bytes_reasons() -> None:
    for vector in encode_vectors():
        where = f"code {vector.code}, reason {vector.reason.hex() or '-'}"
        for reason in (vector.reason, bytearray(vector.reason), memoryview(vector.reason)):
            _check_encode(vector.code, reason, vector.result, vector.answer_code, vector.payload, where)


def test_encode_tsv_str_reasons() -> None:
    # A str reason goes to the core as reason.encode("utf-8", "surrogatepass"): a lone surrogate
    # arrives as its 3-byte form and fails there, so the answers are those of the bytes.
    vectors = [vector for vector in encode_vectors() if vector.reason_utf16 is not None]
    assert len(vectors) > 0, "no encode.tsv row has a UTF-16 reason"
    lone = 0
    for vector in vectors:
        reason = vector.reason_utf16
        assert reason is not None
        assert reason.encode("utf-8", "surrogatepass") == vector.reason
        lone += any(0xD800 <= ord(char) <= 0xDFFF for char in reason)
        where = f"code {vector.code}, reason {reason!r}"
        _check_encode(vector.code, reason, vector.result, vector.answer_code, vector.payload, where)
    assert lone > 0, "encode.tsv has no lone surrogate; the surrogatepass path went untested"
