"""Profiles, the reconnect policy, ``explain`` and the browser model, through the public API.

Expectations come from the package's own API (which answers from the core), from the core's
tables exposed by ``wsclose._wsclose``, or from the differential corpus; nothing is retyped here.
The differential (``make diff-python``) checks every answer byte for byte against the core."""

from __future__ import annotations

import builtins
import pickle

import pytest

import wsclose
from wsclose import (
    Advice,
    Cause,
    CloseCode,
    Decision,
    DomException,
    DomSyntaxError,
    Engine,
    InvalidAccessError,
    PayloadError,
    Profile,
    ReconnectPolicy,
    _wsclose,
)

ALL_CODES = range(65536)
U64_MAX = 2**64 - 1

# --- generated enums ---------------------------------------------------------------------------


def test_advice_and_cause_members_carry_the_core_s_facts() -> None:
    advices = _wsclose.advices()
    assert len(advices) > 0
    assert [(a.value, a.name, a.label, a.reconnects) for a in Advice] == advices
    causes = _wsclose.causes()
    assert len(causes) > 0
    assert [(c.value, c.name, c.summary, c.check) for c in Cause] == causes
    assert all(cause.summary and cause.check for cause in Cause)


def test_engines_are_str_enum_members() -> None:
    assert len(Engine) > 0
    for engine in Engine:
        assert Engine(engine.value) is engine and engine.name == engine.value.upper()
        # A str value works as well as the member.
        assert wsclose.close_event(engine.value, None).engine is engine  # type: ignore[arg-type]


# --- profiles ----------------------------------------------------------------------------------


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


# --- the reconnect policy ----------------------------------------------------------------------


def test_policy_defaults_and_attributes() -> None:
    policy = ReconnectPolicy()
    assert policy.profile is None and policy.max_attempts is None and policy.retry_unspecified
    assert (policy.base_ms, policy.cap_ms) == (ReconnectPolicy.DEFAULT_BASE_MS, ReconnectPolicy.DEFAULT_CAP_MS)
    assert policy.overrides == {}
    profile = Profile.ALL[1]
    custom = ReconnectPolicy(
        profile=profile, base_ms=5, cap_ms=70, max_attempts=3, retry_unspecified=False, overrides={4001: Advice.STOP}
    )
    assert (custom.profile, custom.base_ms, custom.cap_ms, custom.max_attempts) == (profile, 5, 70, 3)
    assert custom.overrides == {4001: Advice.STOP} and not custom.retry_unspecified
    assert custom == ReconnectPolicy(
        profile=profile, base_ms=5, cap_ms=70, max_attempts=3, retry_unspecified=False, overrides={4001: Advice.STOP}
    )
    assert "overrides={4001: Advice.STOP}" in repr(custom)


def test_decide_uses_the_injected_random_source() -> None:
    policy = ReconnectPolicy(base_ms=100, cap_ms=10_000)
    calls: list[int] = []

    def low() -> int:
        calls.append(0)
        return 0

    for attempt in range(12):
        assert policy.decide(CloseCode.ABNORMAL_CLOSURE, False, attempt, lambda: U64_MAX) == Decision(
            policy.ceiling_ms(attempt)
        )
        assert policy.decide(CloseCode.ABNORMAL_CLOSURE, False, attempt, low) == Decision(0)
    assert len(calls) == 12
    # A stop never asks for randomness.
    stop = policy.decide(CloseCode.PROTOCOL_ERROR, True, 0, low)
    assert stop.stop and stop.retry_after_ms is None and len(calls) == 12


def test_decide_with_the_default_random_source_stays_under_the_ceiling() -> None:
    policy = ReconnectPolicy()
    for attempt in range(40):
        decision = policy.decide(1001, True, attempt)
        assert decision.retry_after_ms is not None and 0 <= decision.retry_after_ms <= policy.ceiling_ms(attempt)


def test_decide_agrees_with_advice_for_every_code() -> None:
    policy = ReconnectPolicy(profile=Profile.ALL[0])
    for code in ALL_CODES:
        for was_clean in (False, True):
            decision = policy.decide(code, was_clean, 0, lambda: 0)
            assert decision.stop == (policy.advice(code, was_clean) is Advice.STOP)


def test_attempt_limit_and_overrides() -> None:
    policy = ReconnectPolicy(max_attempts=2, overrides={CloseCode.PROTOCOL_ERROR: Advice.RETRY})
    assert policy.decide(1002, True, 1, lambda: 0) == Decision(0)
    assert policy.decide(1002, True, 2, lambda: 0).stop
    too_many = {4000 + n: Advice.STOP for n in range(ReconnectPolicy.MAX_OVERRIDES + 1)}
    with pytest.raises(ValueError, match="at most"):
        ReconnectPolicy(overrides=too_many)
    with pytest.raises(ValueError):
        ReconnectPolicy(overrides={4000: 9})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="out of range"):
        ReconnectPolicy(overrides={70000: Advice.STOP})
    with pytest.raises(TypeError):
        ReconnectPolicy(overrides=[(4000, Advice.STOP)])  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "error"), [(-1, ValueError), (2**64, ValueError), ("1", TypeError), (1.0, TypeError)])
def test_random_source_must_return_a_u64(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="random source"):
        ReconnectPolicy().decide(1001, True, 0, lambda: value)  # type: ignore[arg-type, return-value]


def test_random_source_errors_propagate() -> None:
    def broken() -> int:
        raise KeyError("no entropy")

    with pytest.raises(KeyError, match="no entropy"):
        ReconnectPolicy().decide(1001, True, 0, broken)


def test_decision_value_semantics() -> None:
    assert Decision(None).stop and Decision(None) == Decision(None)
    assert Decision(5).retry_after_ms == 5 and not Decision(5).stop
    assert {Decision(5), Decision(5), Decision(None)} == {Decision(5), Decision(None)}
    assert pickle.loads(pickle.dumps(Decision(7))) == Decision(7)
    assert repr(Decision(None)) == "Decision(None)"


# --- explain -----------------------------------------------------------------------------------


def test_explain_is_never_empty() -> None:
    for code in ALL_CODES:
        for was_clean in (None, False, True):
            explanation = wsclose.explain(code, was_clean)
            assert explanation.causes, (code, was_clean)
            assert all(isinstance(cause, Cause) for cause in explanation.causes)
            assert explanation.was_clean is was_clean and explanation.code == code


def test_explanation_text_lists_what_to_check() -> None:
    explanation = wsclose.explain(CloseCode.ABNORMAL_CLOSURE, was_clean=False)
    assert explanation.code is CloseCode.ABNORMAL_CLOSURE
    assert Cause.CONNECTION_DROPPED in explanation.causes
    text = str(explanation)
    for cause in explanation.causes:
        assert cause.summary in text and cause.check in text
    assert explanation == wsclose.explain(1006, False) and explanation != wsclose.explain(1006, True)


# --- the browser model -------------------------------------------------------------------------


def test_dropped_connection() -> None:
    for engine in Engine:
        event = wsclose.close_event(engine, None)
        assert event.code is CloseCode.ABNORMAL_CLOSURE and not event.was_clean
        assert event.reply is None and event.reason == ""


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
