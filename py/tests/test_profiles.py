"""Protocol profiles and their advice, through the public API.

Expectations come from the package's own API (which answers from the core), from the core's
tables exposed by ``wsclose._wsclose``, or from the differential corpus; nothing is retyped here.
The differential (``make diff-python``) checks every answer byte for byte against the core."""

from __future__ import annotations

import pickle

import pytest

from wsclose import (
    Advice,
    CloseCode,
    Profile,
    ReconnectPolicy,
    _wsclose,
)

ALL_CODES = range(65536)


def test_advice_members_carry_the_core_s_facts() -> None:
    advices = _wsclose.advices()
    assert len(advices) > 0
    assert [(a.value, a.name, a.label, a.reconnects) for a in Advice] == advices


def test_profiles_are_found_by_name_and_subprotocol() -> None:
    assert len(Profile.ALL) > 0
    assert [p.name for p in Profile.ALL] == sorted(p.name for p in Profile.ALL)
    for profile in Profile.ALL:
        assert Profile.by_name(profile.name) == profile
        assert Profile.by_name(profile.name.upper()) is None
        assert profile.title and profile.source
        assert str(profile) == profile.name and repr(profile) == f"Profile({profile.name!r})"
        assert pickle.loads(pickle.dumps(profile)) == profile
        assert hash(Profile.by_name(profile.name)) == hash(profile)
        for token in profile.subprotocols:
            assert Profile.by_subprotocol(token) == profile
            assert Profile.by_subprotocol(token.upper()) is None  # exact, case-sensitive
    assert Profile.by_name("nope") is None and Profile.by_subprotocol("") is None
    assert any(not p.subprotocols for p in Profile.ALL)  # Discord and Twitch negotiate none


def test_every_profile_answers_every_code() -> None:
    for profile in Profile.ALL:
        rows = []
        for code in ALL_CODES:
            advice = profile.advice(code)
            assert isinstance(advice, Advice)
            row = profile.lookup(code)
            rule = profile.range_of(code)
            if row is not None:
                assert row.code == code and row.advice is advice
                assert row.name and row.const_name and row.description and row.source
                rows.append(row)
            elif rule is not None:
                assert code in rule and rule.first <= code <= rule.last and rule.advice is advice
        assert len(rows) > 0
        assert list(profile.codes) == rows
        for rule in profile.ranges:
            assert rule.description and rule.source


def test_profile_advice_agrees_with_the_policy_for_the_profile() -> None:
    for profile in Profile.ALL:
        retrying = ReconnectPolicy(profile=profile)
        stopping = ReconnectPolicy(profile=profile, retry_unspecified=False)
        for code in ALL_CODES:
            advice = profile.advice(code)
            if advice is Advice.UNSPECIFIED:
                assert (retrying.advice(code, True), stopping.advice(code, True)) == (Advice.RETRY, Advice.STOP)
            else:
                assert retrying.advice(code, True) is advice and stopping.advice(code, True) is advice


def test_code_arguments_are_converted_not_judged() -> None:
    profile = Profile.ALL[0]
    with pytest.raises(ValueError, match="out of range"):
        profile.advice(65536)
    with pytest.raises(TypeError):
        profile.lookup("4000")  # type: ignore[arg-type]
    assert profile.advice(CloseCode.GOING_AWAY) is profile.advice(1001)


@pytest.mark.parametrize("text", ["\ud800", "discord-gateway\udc00", "\udfff" * 40, "graphql-transport-ws\ud83d"])
def test_a_name_that_is_not_valid_unicode_finds_no_profile(text: str) -> None:
    # A lone surrogate: no profile has such a name, as in every binding (the differential's
    # `profile` rows); never UnicodeEncodeError.
    assert Profile.by_name(text) is None
    assert Profile.by_subprotocol(text) is None
    with pytest.raises(TypeError):
        Profile.by_name(b"discord-gateway")  # type: ignore[arg-type]


def test_codes_for_and_check_intent_agree_for_every_code() -> None:
    from wsclose import Intent, info

    sendable = [info(code).sendable for code in range(65536)]
    for profile in Profile.ALL:
        for intent in Intent:
            member = [False] * 65536
            for rule in profile.codes_for(intent):
                for code in range(rule.first, rule.last + 1):
                    member[code] = True
            below: list[int | None] = [None] * 65536
            above: list[int | None] = [None] * 65536
            seen: int | None = None
            for code in range(65536):
                below[code] = seen
                seen = code if member[code] else seen
            seen = None
            for code in reversed(range(65536)):
                above[code] = seen
                seen = code if member[code] else seen
            for code in range(65536):
                miss = profile.check_intent(code, intent)
                if member[code]:
                    assert miss is None, (profile, intent, code)
                    continue
                assert miss is not None, (profile, intent, code)
                assert miss.sendable == sendable[code]
                assert miss.advice == (profile.advice(code) if sendable[code] else None)
                assert (miss.below, miss.above) == (below[code], above[code]), (profile, intent, code)


def test_check_intent_the_centrifuge_case() -> None:
    from wsclose import Intent

    centrifuge = Profile.by_name("centrifuge")
    assert centrifuge is not None
    miss = centrifuge.check_intent(4401, Intent.STOP)
    assert miss is not None
    assert miss.advice is Advice.RETRY and miss.sendable
    assert (miss.below, miss.above) == (3999, 4500)
    assert "4500" in str(miss)
    assert centrifuge.check_intent(4501, Intent.STOP) is None
    unsendable = centrifuge.check_intent(1006, Intent.RETRY)
    assert unsendable is not None and unsendable.advice is None and not unsendable.sendable
    assert Intent.STOP.label == "stop"
    with pytest.raises(ValueError):
        centrifuge.codes_for(2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        centrifuge.check_intent(4000, "stop")  # type: ignore[arg-type]
    rule = centrifuge.codes_for(Intent.STOP)[0]
    assert rule.first in rule and rule == centrifuge.codes_for(Intent.STOP)[0]
