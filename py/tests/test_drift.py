"""The enums are generated into wsclose/_constants.py (`xtask check` catches a stale file) and
their facts are set at import from the core; these tests fail when the Python surface and the
core (exposed by wsclose._wsclose) disagree."""

from __future__ import annotations

import http

import wsclose
from wsclose import Category, CloseCode, PayloadErrorKind, Reconnect, _constants, _wsclose


def test_close_code_members_are_the_codes_the_core_names() -> None:
    named = [wsclose.info(code) for code in range(65536) if wsclose.info(code).const_name is not None]
    assert len(named) > 0
    assert [(member.name, int(member)) for member in CloseCode] == [(facts.const_name, facts.code) for facts in named]
    for facts in named:
        assert facts.code is CloseCode(facts.code)
        assert CloseCode(facts.code).phrase == facts.name


def test_member_facts_are_plain_attributes() -> None:
    # Set once at import, as http.HTTPStatus sets phrase: reading one runs no code.
    for member in CloseCode:
        for attribute in ("phrase", "description", "category", "sendable", "local_only", "ok", "reconnect"):
            assert attribute in vars(member), (member, attribute)
    assert "phrase" in vars(http.HTTPStatus.OK)
    for kind in PayloadErrorKind:
        assert {"message", "result_number", "close_code"} <= set(vars(kind))


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
    assert [member.value for member in PayloadErrorKind] == [row[0] for row in table]
    for const, message, result_number, answer in table:
        kind = PayloadErrorKind(const)
        assert (kind.message, kind.result_number, kind.close_code) == (message, result_number, answer)


def test_limits_are_the_core_s() -> None:
    assert (wsclose.MAX_CLOSE_PAYLOAD, wsclose.MAX_REASON_LEN) == (_wsclose.MAX_CLOSE_PAYLOAD, _wsclose.MAX_REASON_LEN)
    assert (_constants.MAX_CLOSE_PAYLOAD, _constants.MAX_REASON_LEN) == (_wsclose.MAX_CLOSE_PAYLOAD, _wsclose.MAX_REASON_LEN)
