"""WebSocket close status codes, all 65,536 of them, classified by the wsclose Rust core.

>>> import wsclose
>>> wsclose.classify(4000)
<Category.PRIVATE: 4>
>>> wsclose.parse_close_payload(b"\\x03\\xf5overloaded")
Close(code=<CloseCode.TRY_AGAIN_LATER: 1013>, reason='overloaded')
>>> wsclose.CloseCode.TRY_AGAIN_LATER.reconnect
<Reconnect.BACKOFF: 1>

Every fact (names, descriptions, ranges, predicates, messages) and every rule (which codes may
be sent, lengths, UTF-8) comes from the compiled core through the private module
``wsclose._wsclose``. The enum members are generated from the core into ``_constants.py``; this
file sets their facts once at import (as :class:`http.HTTPStatus` sets ``phrase``), and defines
the two Python types results are returned as, :class:`Close` and :class:`PayloadError`.

Protocol profiles (:class:`Profile`, :class:`Advice`; for servers :meth:`Profile.codes_for` and
:meth:`Profile.check_intent` with an :class:`Intent`), the reconnect policy
(:class:`ReconnectPolicy` -> :class:`Decision`), :func:`explain` (-> :class:`Explanation` of
:class:`Cause` members) and the browser model (:func:`close_event` and :func:`reset_event` ->
:class:`CloseEvent`,
:func:`page_close` -> :class:`SentClose` or a :class:`DomException`) answer from the core as well.

Integers: every function that takes a close code accepts an ``int`` in 0..65535, including
``IntEnum`` members and ``bool`` (an ``int`` subclass: ``True`` is code 1), and any object with
``__index__`` such as ``numpy.uint16(1000)``. A negative or larger int raises ``ValueError``;
anything else (``str``, ``float``, ``None``, ``bytes``) raises ``TypeError``.
"""

from __future__ import annotations

import builtins
from typing import ClassVar, NamedTuple

from . import _wsclose
from ._constants import (
    MAX_CLOSE_PAYLOAD,
    MAX_REASON_LEN,
    Advice,
    Category,
    Cause,
    CloseCode,
    Engine,
    Intent,
    PayloadErrorKind,
    Reconnect,
)

__all__ = [
    "MAX_CLOSE_PAYLOAD",
    "MAX_REASON_LEN",
    "Advice",
    "Category",
    "Cause",
    "Close",
    "CloseCode",
    "CloseEvent",
    "CodeInfo",
    "Decision",
    "DomException",
    "DomSyntaxError",
    "Engine",
    "Explanation",
    "Intent",
    "IntentMismatch",
    "IntentRange",
    "InvalidAccessError",
    "PayloadError",
    "PayloadErrorKind",
    "Profile",
    "ProfileCode",
    "ProfileRange",
    "Reconnect",
    "ReconnectPolicy",
    "Reply",
    "SentClose",
    "__version__",
    "classify",
    "classify_many",
    "close_event",
    "encode_close_payload",
    "explain",
    "info",
    "page_close",
    "parse_close_payload",
    "reset_event",
]


class Close(NamedTuple):
    """A decoded Close payload. ``code`` is the :class:`CloseCode` member for the codes the core
    names and a plain ``int`` for the others; an empty payload gives ``Close(1005, "")``."""

    code: int
    reason: str


class PayloadError(ValueError):
    """A received Close payload breaks the protocol, or a Close payload cannot be encoded.

    ``kind`` says which rule (its ``.message`` is the fixed message every language gives);
    ``close_code`` is the code to close the connection with (1002, or 1007 for a reason that is
    not UTF-8; ``None`` for the kinds only encoding reports); ``code`` is the status code the
    payload carried or was to carry (``None`` when parsing stopped before reading it).
    ``str(err)`` is the core's message with the details.
    """

    kind: PayloadErrorKind
    close_code: CloseCode | None
    code: int | None

    def __init__(self, message: str, kind: PayloadErrorKind, close_code: CloseCode | None, code: int | None) -> None:
        super().__init__(message)
        self.kind = kind
        self.close_code = close_code
        self.code = code

    def __reduce__(
        self,
    ) -> tuple[type[PayloadError], tuple[str, PayloadErrorKind, CloseCode | None, int | None]]:
        return (type(self), (str(self), self.kind, self.close_code, self.code))


class DomException(Exception):
    """The exception a page's ``WebSocket.close(code, reason)`` throws, as :func:`page_close`
    raises it. Catch a subclass to tell them apart; ``name`` is the DOM exception's name as a
    page reads it (set on each subclass from the core at import), and also the message."""

    name: ClassVar[str] = "DomException"


class InvalidAccessError(DomException):
    """``InvalidAccessError``: the engine refuses the code (after converting the number).
    ``name`` is ``"InvalidAccessError"``."""


class DomSyntaxError(DomException):
    """The DOM ``SyntaxError`` (named so as not to shadow Python's): the reason is too long once
    converted to a USVString and encoded as UTF-8. ``name`` is ``"SyntaxError"``."""


# Hand the types to the core once (it checks the members against its own table): from now on
# it returns their cached members.
_wsclose._register(tuple(Category), tuple(Reconnect), tuple(CloseCode), tuple(PayloadErrorKind), Close, PayloadError)
_wsclose._register_model(tuple(Advice), tuple(Cause), tuple(Engine), DomException, InvalidAccessError, DomSyntaxError)

from ._wsclose import (  # noqa: E402  (needs the registration above)
    CloseEvent,
    CodeInfo,
    Decision,
    Explanation,
    IntentMismatch,
    IntentRange,
    Profile,
    ProfileCode,
    ProfileRange,
    ReconnectPolicy,
    Reply,
    SentClose,
    __version__,
    classify,
    classify_many,
    close_event,
    encode_close_payload,
    explain,
    info,
    page_close,
    parse_close_payload,
    reset_event,
)


def _set_facts() -> None:
    """Sets the facts that never change on the enum members, once, from the core: reading
    ``CloseCode.GOING_AWAY.phrase`` is then a plain attribute read."""
    for value, _const, label, description, first, last in _wsclose.categories():
        category = Category(value)
        category.label = label
        category.description = description
        category.range = builtins.range(first, last + 1)
    for value, _const, label in _wsclose.reconnects():
        Reconnect(value).label = label
    for member in CloseCode:
        facts = info(member)
        if facts.name is None:
            raise RuntimeError(f"wsclose: the core has no name for {int(member)}")
        member.phrase = facts.name
        member.description = facts.description
        member.category = facts.category
        member.sendable = facts.sendable
        member.local_only = facts.local_only
        member.browser_closeable = facts.browser_closeable
        member.ok = facts.ok
        member.reconnect = facts.reconnect
    for const, message, result_number, answer in _wsclose.payload_error_kinds():
        kind = PayloadErrorKind(const)
        kind.message = message
        kind.result_number = result_number
        kind.close_code = None if answer is None else CloseCode(answer)
    for value, _const, label, reconnects in _wsclose.advices():
        advice = Advice(value)
        advice.label = label
        advice.reconnects = reconnects
    for value, _const, label in _wsclose.intents():
        Intent(value).label = label
    for value, _const, summary, check in _wsclose.causes():
        cause = Cause(value)
        cause.summary = summary
        cause.check = check


_set_facts()
