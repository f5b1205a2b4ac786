"""``explain``: the likely causes of a close, through the public API.

Expectations come from the package's own API (which answers from the core), from the core's
tables exposed by ``wsclose._wsclose``, or from the differential corpus; nothing is retyped here.
The differential (``make diff-python``) checks every answer byte for byte against the core."""

from __future__ import annotations

import wsclose
from wsclose import (
    Cause,
    CloseCode,
    _wsclose,
)

ALL_CODES = range(65536)


def test_cause_members_carry_the_core_s_facts() -> None:
    causes = _wsclose.causes()
    assert len(causes) > 0
    assert [(c.value, c.name, c.summary, c.check) for c in Cause] == causes
    assert all(cause.summary and cause.check for cause in Cause)


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
