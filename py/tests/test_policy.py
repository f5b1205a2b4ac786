"""The reconnect policy and its decisions, through the public API.

Expectations come from the package's own API (which answers from the core), from the core's
tables exposed by ``wsclose._wsclose``, or from the differential corpus; nothing is retyped here.
The differential (``make diff-python``) checks every answer byte for byte against the core."""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable

import pytest

from wsclose import (
    Advice,
    CloseCode,
    Decision,
    Profile,
    ReconnectPolicy,
)

ALL_CODES = range(65536)
U64_MAX = 2**64 - 1


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


@pytest.mark.parametrize(
    ("call", "name", "range_text"),
    [
        (lambda v: ReconnectPolicy(base_ms=v), "base_ms", "[0, 2**64)"),
        (lambda v: ReconnectPolicy(cap_ms=v), "cap_ms", "[0, 2**64)"),
        (lambda v: ReconnectPolicy(max_attempts=v), "max_attempts", "[0, 2**32)"),
        (lambda v: ReconnectPolicy().decide(1006, False, v, lambda: 0), "attempt", "[0, 2**32)"),
        (lambda v: ReconnectPolicy().ceiling_ms(v), "attempt", "[0, 2**32)"),
        (lambda v: Decision(v), "retry_after_ms", "[0, 2**64)"),
    ],
)
def test_integer_parameters_out_of_range_raise_value_error_naming_them(
    call: Callable[[object], object], name: str, range_text: str
) -> None:
    limit = 2**64 if range_text == "[0, 2**64)" else 2**32
    for value in (-1, limit, 10**400, -(10**400)):
        with pytest.raises(ValueError, match=re.escape(f"{name} must be an int in {range_text}")) as info:
            call(value)
        assert type(info.value) is ValueError
    with pytest.raises(TypeError, match=name):
        call(1.5)
    call(limit - 1)  # the largest value is accepted
    call(0)


def test_integer_parameters_take_index_objects() -> None:
    np = pytest.importorskip("numpy")
    policy = ReconnectPolicy(base_ms=np.uint64(250), cap_ms=np.uint64(2**64 - 1), max_attempts=np.uint32(3))
    assert (policy.base_ms, policy.cap_ms, policy.max_attempts) == (250, 2**64 - 1, 3)
    assert policy.decide(1006, False, np.uint32(2), lambda: 0) == Decision(0)


def test_random_source_may_return_an_index_object() -> None:
    np = pytest.importorskip("numpy")
    policy = ReconnectPolicy()
    expected = policy.decide(1006, False, 3, lambda: 2**64 - 1)
    assert policy.decide(1006, False, 3, lambda: np.uint64(2**64 - 1)) == expected
    assert policy.decide(1006, False, 3, lambda: np.int8(5)) == policy.decide(1006, False, 3, lambda: 5)
    with pytest.raises(ValueError, match="random source"):
        policy.decide(1006, False, 3, lambda: np.int64(-1))


def test_equality_and_hash_do_not_depend_on_override_order() -> None:
    a = ReconnectPolicy(overrides={4000: Advice.STOP, 4001: Advice.RETRY})
    b = ReconnectPolicy(overrides={4001: Advice.RETRY, 4000: Advice.STOP})
    assert list(a.overrides) != list(b.overrides)
    assert a == b and hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a != ReconnectPolicy(overrides={4000: Advice.RETRY, 4001: Advice.STOP})
    assert a != ReconnectPolicy(overrides={4000: Advice.STOP})
