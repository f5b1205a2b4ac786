"""Every one of the 65,536 codes against the rules written out in _support (not wsclose's table)."""

from __future__ import annotations

import array
import random

import numpy as np
from _support import (
    NAMES,
    rule_browser_closeable,
    rule_category,
    rule_local_only,
    rule_ok,
    rule_reconnect,
    rule_sendable,
)

import wsclose
from wsclose import Category, CloseCode, Reconnect

ALL = range(65536)


def test_classify_every_code() -> None:
    for code in ALL:
        assert wsclose.classify(code) is Category(rule_category(code)), code


def test_info_every_code() -> None:
    for code in ALL:
        facts = wsclose.info(code)
        assert facts.code == code
        assert facts.category is Category(rule_category(code)), code
        assert facts.name == NAMES.get(code), code
        assert facts.sendable is rule_sendable(code), code
        assert facts.local_only is rule_local_only(code), code
        assert facts.browser_closeable is rule_browser_closeable(code), code
        assert facts.ok is rule_ok(code), code
        assert facts.reconnect is Reconnect(rule_reconnect(code)), code
        if code in NAMES:
            assert facts.description and facts.description != facts.category.description, code
        else:
            assert facts.description == facts.category.description, code


def test_build_every_code() -> None:
    for code in ALL:
        if rule_sendable(code):
            assert wsclose.build_close_payload(code) == code.to_bytes(2, "big"), code
            assert wsclose.parse_close_payload(code.to_bytes(2, "big")) == (code, ""), code
        else:
            try:
                wsclose.build_close_payload(code)
            except wsclose.CloseEncodeError as err:
                assert err.kind is wsclose.PayloadErrorKind.INVALID_CODE, code
            else:
                raise AssertionError(f"build_close_payload({code}) did not raise")


def test_parse_every_code_with_reason() -> None:
    for code in ALL:
        payload = code.to_bytes(2, "big") + "é!".encode()
        if rule_sendable(code):
            assert wsclose.parse_close_payload(payload) == (code, "é!"), code
        else:
            try:
                wsclose.parse_close_payload(payload)
            except wsclose.ClosePayloadError as err:
                assert err.kind is wsclose.PayloadErrorKind.INVALID_CODE, code
                assert err.close_code is CloseCode.PROTOCOL_ERROR, code
            else:
                raise AssertionError(f"parse of code {code} did not raise")


def _expected_bytes(codes: list[int]) -> bytes:
    return bytes(rule_category(code) for code in codes)


def test_classify_many_every_code_shuffled() -> None:
    codes = list(ALL) * 4  # 262,144 codes: above the size where the GIL is released
    random.Random(5).shuffle(codes)
    expected = _expected_bytes(codes)
    assert wsclose.classify_many(array.array("H", codes)) == expected
    assert wsclose.classify_many(np.array(codes, dtype=np.uint16)) == expected
    assert wsclose.classify_many(codes) == expected
    assert wsclose.classify_many(tuple(codes[:1000])) == expected[:1000]


def test_classify_many_sizes_around_chunks() -> None:
    rng = random.Random(7)
    for size in (0, 1, 2, 3, 4095, 4096, 4097, 8191, 8193, (1 << 15) - 1, 1 << 15, (1 << 15) + 1):
        codes = [rng.randrange(65536) for _ in range(size)]
        assert wsclose.classify_many(array.array("H", codes)) == _expected_bytes(codes), size


def test_category_ranges_cover_everything() -> None:
    covered = [code for category in Category for code in category.range]
    assert covered == list(ALL)
    for category in Category:
        assert all(rule_category(code) == category for code in category.range)


def test_classify_many_from_threads() -> None:
    # Large buffers are classified with the GIL released; threads must not disturb each other.
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(11)
    inputs = [array.array("H", [rng.randrange(65536) for _ in range(200_000)]) for _ in range(4)]
    expected = [_expected_bytes(list(codes)) for codes in inputs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _round in range(5):
            assert list(pool.map(wsclose.classify_many, inputs)) == expected
