"""The shared golden vectors of tests/vectors/, which every binding runs."""

from __future__ import annotations

import pytest
from _support import hex_field, parse_vectors, read_tsv

import wsclose
from wsclose import Category, CloseCode, CloseEncodeError, ClosePayloadError, PayloadErrorKind, Reconnect


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
        assert facts.sendable == (row["sendable"] == "1"), where
        assert facts.local_only == (row["local_only"] == "1"), where
        assert facts.browser_closeable == (row["browser_closeable"] == "1"), where
        assert facts.ok == (row["ok"] == "1"), where
        assert facts.reconnect is Reconnect(int(row["reconnect"])), where
        if row["const_name"] == "-":
            assert not isinstance(facts.code, CloseCode), where
        else:
            assert facts.code is CloseCode[row["const_name"]], where
        assert wsclose.classify_many([code]) == bytes([int(row["category"])]), where


def test_parse_tsv() -> None:
    vectors = parse_vectors()
    assert len(vectors) > 0, "no rows read from parse.tsv"
    for vector in vectors:
        where = f"payload {vector.payload.hex() or '(empty)'}"
        # The same answer for every bytes-like type.
        for data in (vector.payload, bytearray(vector.payload), memoryview(vector.payload)):
            if vector.result == "OK":
                close = wsclose.parse_close_payload(data)
                assert close.code == vector.code, where
                assert close.reason.encode("utf-8") == vector.reason, where
                assert type(close.code) is (CloseCode if 1000 <= vector.code <= 1015 else int), where
            else:
                with pytest.raises(ClosePayloadError) as caught:
                    wsclose.parse_close_payload(data)
                assert caught.value.kind is PayloadErrorKind(vector.result), where
                assert caught.value.close_code == vector.code, where
                assert caught.value.close_code is CloseCode(vector.code), where


def test_encode_tsv() -> None:
    rows = read_tsv("encode.tsv")
    assert len(rows) > 0, "no rows read from encode.tsv"
    non_utf8_rows = 0
    for row in rows:
        code = int(row["code"])
        reason_bytes = hex_field(row["reason_hex"])
        # A reason that is not UTF-8 reaches Python as a str with lone surrogates (the
        # surrogateescape decoding), which cannot be encoded: every row runs, none is skipped.
        reason = reason_bytes.decode("utf-8", errors="surrogateescape")
        try:
            reason_bytes.decode("utf-8")
        except UnicodeDecodeError:
            non_utf8_rows += 1
        where = f"code {code}, reason {row['reason_hex']}"
        if row["result"] == "OK":
            assert wsclose.build_close_payload(code, reason) == hex_field(row["payload_hex"]), where
        else:
            with pytest.raises(CloseEncodeError) as caught:
                wsclose.build_close_payload(code, reason)
            assert caught.value.kind is PayloadErrorKind(row["result"]), where
    assert non_utf8_rows > 0, "encode.tsv has no non-UTF-8 reason; the surrogate path went untested"
