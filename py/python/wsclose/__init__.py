"""WebSocket close status codes, all 65,536 of them, classified by the wsclose Rust core.

>>> import wsclose
>>> wsclose.classify(4000)
<Category.PRIVATE: 4>
>>> wsclose.parse_close_payload(b"\\x03\\xf5overloaded")
Close(code=<CloseCode.TRY_AGAIN_LATER: 1013>, reason='overloaded')
>>> wsclose.CloseCode.TRY_AGAIN_LATER.reconnect
<Reconnect.BACKOFF: 1>

Every fact (names, descriptions, ranges, predicates, payload rules) comes from the compiled core
through the private module ``wsclose._wsclose``. This file only defines the Python types those
facts are returned as; ``tests/test_drift.py`` checks the enum members below against the core,
and so does ``_wsclose._register`` at import.

Integers: every function that takes a close code accepts an ``int`` in 0..65535, including
``IntEnum`` members and ``bool`` (an ``int`` subclass: ``True`` is code 1), and any object with
``__index__`` such as ``numpy.uint16(1000)``. A negative or larger int raises ``ValueError``;
anything else (``str``, ``float``, ``None``, ``bytes``) raises ``TypeError``.
"""

from __future__ import annotations

import builtins
import enum
from dataclasses import dataclass
from typing import NamedTuple

from . import _wsclose

__all__ = [
    "MAX_CLOSE_PAYLOAD",
    "MAX_REASON_LEN",
    "Category",
    "Close",
    "CloseCode",
    "CloseEncodeError",
    "ClosePayloadError",
    "CodeInfo",
    "PayloadErrorKind",
    "Reconnect",
    "__version__",
    "build_close_payload",
    "classify",
    "classify_many",
    "info",
    "parse_close_payload",
]


class Category(enum.IntEnum):
    """The range a close code belongs to; the numbers are those of the core and the C header."""

    UNUSED = 0
    """0-999: never assigned."""
    STANDARD = 1
    """1000-1015: defined by the protocol."""
    RESERVED = 2
    """1016-2999: held back for future protocol revisions and extensions."""
    REGISTERED = 3
    """3000-3999: registered with IANA by libraries, frameworks and applications."""
    PRIVATE = 4
    """4000-4999: private agreements between applications."""
    OUT_OF_RANGE = 5
    """5000-65535: outside every range the protocol defines."""

    @property
    def label(self) -> str:
        """A short human label, e.g. ``"private use"``."""
        return _CATEGORY_FACTS[self][0]

    @property
    def description(self) -> str:
        """What codes in this range are for."""
        return _CATEGORY_FACTS[self][1]

    @property
    def range(self) -> builtins.range:
        """The codes in this category, e.g. ``range(4000, 5000)``."""
        return _CATEGORY_FACTS[self][2]


class Reconnect(enum.IntEnum):
    """What a client should do after a close with a given code."""

    NEVER = 0
    """Retrying would fail the same way, or the peer asked to stop."""
    BACKOFF = 1
    """A transient condition: reconnect after a growing delay."""
    APP_DEFINED = 2
    """A registered or private code: only the application knows."""

    @property
    def label(self) -> str:
        """A short human label, e.g. ``"app-defined"``."""
        return _RECONNECT_LABELS[self]


class CloseCode(enum.IntEnum):
    """The sixteen standard close codes, in the manner of :class:`http.HTTPStatus`.

    ``.phrase`` is the standard name and the predicates are properties, computed by the core.
    """

    NORMAL_CLOSURE = 1000
    GOING_AWAY = 1001
    PROTOCOL_ERROR = 1002
    UNSUPPORTED_DATA = 1003
    RESERVED = 1004
    NO_STATUS_RECEIVED = 1005
    ABNORMAL_CLOSURE = 1006
    INVALID_PAYLOAD_DATA = 1007
    POLICY_VIOLATION = 1008
    MESSAGE_TOO_BIG = 1009
    MANDATORY_EXTENSION = 1010
    INTERNAL_ERROR = 1011
    SERVICE_RESTART = 1012
    TRY_AGAIN_LATER = 1013
    BAD_GATEWAY = 1014
    TLS_HANDSHAKE = 1015

    @property
    def phrase(self) -> str:
        """The standard name, e.g. ``"Going Away"``."""
        return info(self).name or ""

    @property
    def description(self) -> str:
        """What the code means, in a sentence or two."""
        return info(self).description

    @property
    def category(self) -> Category:
        """Always :attr:`Category.STANDARD` for these codes."""
        return classify(self)

    @property
    def sendable(self) -> bool:
        """May appear in a Close frame on the wire."""
        return info(self).sendable

    @property
    def local_only(self) -> bool:
        """Only ever reported to the application, never sent (1005, 1006, 1015)."""
        return info(self).local_only

    @property
    def browser_closeable(self) -> bool:
        """Accepted by a browser's ``WebSocket.close(code)`` (only 1000 among these)."""
        return info(self).browser_closeable

    @property
    def ok(self) -> bool:
        """The connection ended normally (1000, 1001, 1005)."""
        return info(self).ok

    @property
    def reconnect(self) -> Reconnect:
        """Whether a client should reconnect after this code."""
        return info(self).reconnect


class PayloadErrorKind(enum.StrEnum):
    """Which rule a Close payload broke; the values are the names used in the golden vectors."""

    ONE_BYTE = "ONE_BYTE"
    """Parsing: exactly one byte, too short for a code."""
    TOO_LONG = "TOO_LONG"
    """Parsing: over the 125 bytes a control frame may carry."""
    INVALID_CODE = "INVALID_CODE"
    """Parsing and building: the code may not be sent on the wire."""
    INVALID_UTF8 = "INVALID_UTF8"
    """Parsing: the reason is not UTF-8. Building: the reason has a lone surrogate."""
    REASON_TOO_LONG = "REASON_TOO_LONG"
    """Building: the reason is over 123 UTF-8 bytes."""
    BUFFER_TOO_SMALL = "BUFFER_TOO_SMALL"
    """Never raised in Python (the core's fixed-buffer encoder only); listed to match the core."""


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """Everything wsclose knows about one code, as returned by :func:`info`.

    Immutable, hashable and compared field by field. ``code`` is the :class:`CloseCode` member
    for 1000-1015 and a plain ``int`` otherwise.
    """

    code: int
    category: Category
    name: str | None
    """The standard name for 1000-1015, else ``None``."""
    description: str
    """For codes without a standard name, the description of their range."""
    sendable: bool
    local_only: bool
    browser_closeable: bool
    ok: bool
    reconnect: Reconnect

    def __repr__(self) -> str:
        # The description is left out: it is long, and follows from the code.
        return (
            f"CodeInfo(code={int(self.code)}, category=Category.{self.category.name}, "
            f"name={self.name!r}, sendable={self.sendable}, local_only={self.local_only}, "
            f"browser_closeable={self.browser_closeable}, ok={self.ok}, "
            f"reconnect=Reconnect.{self.reconnect.name})"
        )


class Close(NamedTuple):
    """A decoded Close payload. ``code`` is the :class:`CloseCode` member for standard codes
    and a plain ``int`` for 3000-4999; an empty payload gives ``Close(1005, "")``."""

    code: int
    reason: str


class ClosePayloadError(ValueError):
    """A received Close payload breaks the protocol.

    ``kind`` says which rule; ``close_code`` is the code to close the connection with:
    :attr:`CloseCode.INVALID_PAYLOAD_DATA` (1007) for a reason that is not UTF-8,
    :attr:`CloseCode.PROTOCOL_ERROR` (1002) for everything else.
    """

    kind: PayloadErrorKind
    close_code: CloseCode

    def __init__(self, message: str, kind: PayloadErrorKind, close_code: CloseCode) -> None:
        super().__init__(message)
        self.kind = kind
        self.close_code = close_code

    def __reduce__(self) -> tuple[type[ClosePayloadError], tuple[str, PayloadErrorKind, CloseCode]]:
        return (type(self), (str(self), self.kind, self.close_code))


class CloseEncodeError(ValueError):
    """A Close payload cannot be built: the code may not be sent (``INVALID_CODE``), the reason
    is over 123 UTF-8 bytes (``REASON_TOO_LONG``) or holds a lone surrogate (``INVALID_UTF8``)."""

    kind: PayloadErrorKind

    def __init__(self, message: str, kind: PayloadErrorKind) -> None:
        super().__init__(message)
        self.kind = kind

    def __reduce__(self) -> tuple[type[CloseEncodeError], tuple[str, PayloadErrorKind]]:
        return (type(self), (str(self), self.kind))


_CATEGORY_FACTS: dict[Category, tuple[str, str, builtins.range]] = {
    Category(value): (label, description, builtins.range(first, last + 1))
    for value, _const, label, description, first, last in _wsclose.categories()
}
_RECONNECT_LABELS: dict[Reconnect, str] = {Reconnect(value): label for value, _const, label in _wsclose.reconnects()}

# Hand the types to the core once: from now on it returns their cached members.
_wsclose._register(
    tuple(Category),
    tuple(Reconnect),
    tuple(CloseCode),
    tuple(PayloadErrorKind),
    CodeInfo,
    Close,
    ClosePayloadError,
    CloseEncodeError,
)

from ._wsclose import (  # noqa: E402  (needs the registration above)
    MAX_CLOSE_PAYLOAD,
    MAX_REASON_LEN,
    __version__,
    build_close_payload,
    classify,
    classify_many,
    info,
    parse_close_payload,
)
