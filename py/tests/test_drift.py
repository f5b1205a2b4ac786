"""The Python enums are written out in wsclose/__init__.py for readers and type checkers; these
tests fail when they drift from the table in the Rust core (exposed by wsclose._wsclose)."""

from __future__ import annotations

from wsclose import Category, CloseCode, PayloadErrorKind, Reconnect, _wsclose


def test_close_code_members_match_the_core() -> None:
    table = _wsclose.standard_codes()
    assert len(table) == 16
    assert [(member.value, member.name) for member in CloseCode] == [(value, const) for value, const, _ in table]
    for value, const, name in table:
        assert CloseCode[const] == value
        assert CloseCode(value).phrase == name


def test_category_members_match_the_core() -> None:
    table = _wsclose.categories()
    assert [(member.value, member.name) for member in Category] == [(row[0], row[1]) for row in table]
    for value, _const, label, description, first, last in table:
        assert Category(value).label == label
        assert Category(value).description == description
        assert Category(value).range == range(first, last + 1)


def test_reconnect_members_match_the_core() -> None:
    table = _wsclose.reconnects()
    assert [(member.value, member.name, member.label) for member in Reconnect] == table


def test_payload_error_kinds_match_the_core() -> None:
    table = _wsclose.payload_error_kinds()
    assert [member.value for member in PayloadErrorKind] == [const for _, const in table]
    # The ABI numbers, as listed in docs/VECTORS.md.
    assert table == [
        (1, "ONE_BYTE"),
        (2, "TOO_LONG"),
        (3, "INVALID_CODE"),
        (4, "INVALID_UTF8"),
        (5, "REASON_TOO_LONG"),
        (6, "BUFFER_TOO_SMALL"),
    ]


def test_enum_numbers_are_the_abi() -> None:
    assert [int(member) for member in Category] == [0, 1, 2, 3, 4, 5]
    assert [member.name for member in Category] == [
        "UNUSED",
        "STANDARD",
        "RESERVED",
        "REGISTERED",
        "PRIVATE",
        "OUT_OF_RANGE",
    ]
    assert [(member.name, int(member)) for member in Reconnect] == [("NEVER", 0), ("BACKOFF", 1), ("APP_DEFINED", 2)]
    assert [int(member) for member in CloseCode] == list(range(1000, 1016))


def test_limits() -> None:
    assert _wsclose.MAX_CLOSE_PAYLOAD == 125
    assert _wsclose.MAX_REASON_LEN == 123
