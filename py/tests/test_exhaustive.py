"""Every one of the 65,536 codes through every function, which must agree with one another (the
answers themselves are compared with the core's, byte for byte, by `make diff-python`)."""

from __future__ import annotations

import array
import random

import numpy as np

import wsclose
from wsclose import Category, CloseCode, PayloadError, PayloadErrorKind

ALL = range(65536)


def test_classify_info_and_members_agree_on_every_code() -> None:
    for code in ALL:
        facts = wsclose.info(code)
        assert facts.code == code
        assert wsclose.classify(code) is facts.category, code
        assert code in facts.category.range, code
        if facts.const_name is None:
            assert facts.name is None and type(facts.code) is int, code
            assert facts.description == facts.category.description, code
        else:
            member = CloseCode[facts.const_name]
            assert facts.code is member and wsclose.info(member) is facts, code
            assert (member.phrase, member.description, member.category) == (facts.name, facts.description, facts.category)
            assert facts.description != facts.category.description, code


def test_encode_and_parse_every_code() -> None:
    for code in ALL:
        sendable = wsclose.info(code).sendable
        head = code.to_bytes(2, "big")
        if sendable:
            assert wsclose.encode_close_payload(code) == head, code
            assert wsclose.encode_close_payload(code, "é!") == head + "é!".encode(), code
            assert wsclose.parse_close_payload(head + "é!".encode()) == (code, "é!"), code
            continue
        for call in (lambda: wsclose.encode_close_payload(code, "é!"), lambda: wsclose.parse_close_payload(head + b"!")):
            try:
                call()
            except PayloadError as err:
                assert err.kind is PayloadErrorKind.INVALID_CODE, code
                assert err.close_code is CloseCode.PROTOCOL_ERROR, code
                assert err.code == code, code
            else:
                raise AssertionError(f"code {code} is not sendable, yet was accepted")


def test_classify_many_every_code_shuffled() -> None:
    codes = list(ALL) * 4  # 262,144 codes: above the size where the GIL is released
    random.Random(5).shuffle(codes)
    expected = bytes(wsclose.classify(code) for code in codes)
    assert wsclose.classify_many(array.array("H", codes)) == expected
    assert wsclose.classify_many(np.array(codes, dtype=np.uint16)) == expected
    assert wsclose.classify_many(codes) == expected
    assert wsclose.classify_many(tuple(codes[:1000])) == expected[:1000]


def test_classify_many_sizes_around_chunks() -> None:
    rng = random.Random(7)
    table = wsclose.classify_many(range(65536))
    for size in (0, 1, 2, 3, 4095, 4096, 4097, 8191, 8193, (1 << 15) - 1, 1 << 15, (1 << 15) + 1):
        codes = [rng.randrange(65536) for _ in range(size)]
        assert wsclose.classify_many(array.array("H", codes)) == bytes(table[code] for code in codes), size


def test_category_ranges_cover_everything() -> None:
    covered = [code for category in Category for code in category.range]
    assert covered == list(ALL)


def test_classify_many_from_threads() -> None:
    # Large buffers are classified with the GIL released; threads must not disturb each other.
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(11)
    table = wsclose.classify_many(range(65536))
    inputs = [array.array("H", [rng.randrange(65536) for _ in range(200_000)]) for _ in range(4)]
    expected = [bytes(table[code] for code in codes) for codes in inputs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _round in range(5):
            assert list(pool.map(wsclose.classify_many, inputs)) == expected
