"""Private extension module of wsclose (Rust, pyo3). Import ``wsclose`` instead."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Protocol, SupportsIndex, final, type_check_only

from typing_extensions import Buffer

from wsclose import (
    Advice,
    Category,
    Cause,
    Close,
    CloseCode,
    DomException,
    DomSyntaxError,
    Engine,
    Intent,
    InvalidAccessError,
    PayloadError,
    PayloadErrorKind,
    Reconnect,
)

__all__ = [
    "__version__",
    "MAX_CLOSE_PAYLOAD",
    "MAX_REASON_LEN",
    "CodeInfo",
    "_register",
    "classify",
    "info",
    "_close_parts",
    "parse_close_payload",
    "_parse_close_payload_safe",
    "encode_close_payload",
    "classify_many",
    "categories",
    "reconnects",
    "payload_error_kinds",
    "Profile",
    "ProfileCode",
    "ProfileRange",
    "IntentRange",
    "IntentMismatch",
    "Decision",
    "ReconnectPolicy",
    "Explanation",
    "Reply",
    "CloseEvent",
    "SentClose",
    "_register_model",
    "advices",
    "intents",
    "causes",
    "explain",
    "close_event",
    "reset_event",
    "page_close",
    "facts",
    "_facts_into",
    "StatsCounter",
    "StatsInputError",
    "StatsHeaderError",
]

__version__: str
MAX_CLOSE_PAYLOAD: int
MAX_REASON_LEN: int

@final
class CodeInfo:
    """Everything wsclose knows about one code, as returned by :func:`wsclose.info`.

    Immutable; equal and hashed by its code. ``code`` is the :class:`CloseCode` member for the
    codes the core names and a plain ``int`` otherwise.
    """

    @property
    def code(self) -> int: ...
    @property
    def category(self) -> Category: ...
    @property
    def name(self) -> str | None:
        """The standard or IANA name (e.g. ``"Going Away"``, ``"Timeout"``), else ``None``."""
    @property
    def const_name(self) -> str | None:
        """The constant name (e.g. ``"GOING_AWAY"``), else ``None``."""
    @property
    def description(self) -> str:
        """What the code means; for a code without a name, the description of its range."""
    @property
    def sendable(self) -> bool: ...
    @property
    def local_only(self) -> bool: ...
    @property
    def browser_closeable(self) -> bool: ...
    @property
    def ok(self) -> bool: ...
    @property
    def reconnect(self) -> Reconnect: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[int]]: ...

def _register(
    categories: tuple[Category, ...],
    reconnects: tuple[Reconnect, ...],
    close_codes: tuple[CloseCode, ...],
    kinds: tuple[PayloadErrorKind, ...],
    close: type[Close],
    payload_error: type[PayloadError],
) -> None: ...
def classify(code: SupportsIndex, /) -> Category: ...
@type_check_only
class _CodeCarrier(Protocol):
    """A websockets ``frames.Close``, or any object with an int ``code`` (and optionally a
    ``reason`` str and a ``was_clean`` or ``wasClean`` bool)."""

    @property
    def code(self) -> SupportsIndex: ...

@type_check_only
class _ConnectionClosedLike(Protocol):
    """A websockets ``ConnectionClosed``: the Close frames received and sent, if any."""

    @property
    def rcvd(self) -> _CodeCarrier | None: ...
    @property
    def sent(self) -> object: ...
    @property
    def rcvd_then_sent(self) -> bool | None: ...

@type_check_only
class _WSMessageLike(Protocol):
    """An aiohttp ``WSMessage``: only one of type ``WSMsgType.CLOSE`` (8) is a close."""

    @property
    def type(self) -> SupportsIndex: ...
    @property
    def data(self) -> Any: ...
    @property
    def extra(self) -> Any: ...

_CloseLike = SupportsIndex | _ConnectionClosedLike | _WSMessageLike | _CodeCarrier

def info(code: _CloseLike, /) -> CodeInfo:
    """Everything about one code. ``code`` is an int, or a close object read at the edge: a
    websockets ``ConnectionClosed`` (the code received, 1006 when no Close frame was), a
    websockets ``frames.Close``, an aiohttp ``WSMessage`` of type ``CLOSE``, or an object with
    an int ``code``. Anything else is a ``TypeError``."""

def _close_parts(close: _CloseLike, /) -> tuple[int, str | None, bool | None]: ...
def parse_close_payload(data: Buffer, /) -> Close: ...
def _parse_close_payload_safe(data: bytes, /) -> Close: ...
def encode_close_payload(code: SupportsIndex, reason: str | Buffer | None = None) -> bytes: ...
def classify_many(codes: Buffer | Iterable[SupportsIndex], /) -> bytes: ...
def categories() -> list[tuple[int, str, str, str, int, int]]: ...
def reconnects() -> list[tuple[int, str, str]]: ...
def payload_error_kinds() -> list[tuple[str, str, int, int | None]]: ...

# Profiles, the reconnect policy, explain and the browser model (py/src/profiles.rs, policy.rs,
# explain.rs, browser.rs).

@final
class Profile:
    """The close codes of one application protocol (Discord's Gateway, graphql-transport-ws,
    ...): their names, and whether its clients reconnect after them. Equal and hashed by name.

    ``Profile.ALL`` lists the built-in profiles in name order; find one with :meth:`by_name` or
    by the negotiated ``Sec-WebSocket-Protocol`` with :meth:`by_subprotocol`.
    """

    ALL: ClassVar[tuple[Profile, ...]]
    @staticmethod
    def by_name(name: str) -> Profile | None:
        """The profile called ``name`` (e.g. ``"discord-gateway"``), compared exactly; ``None``
        when none is, including for a name that is not valid Unicode (a lone surrogate)."""
    @staticmethod
    def by_subprotocol(token: str) -> Profile | None:
        """The profile selected by one ``Sec-WebSocket-Protocol`` token, compared exactly
        (case-sensitive); ``None`` for protocols that negotiate none (Discord, Twitch), and for
        a token that is not valid Unicode."""
    @property
    def name(self) -> str:
        """The identifier, lowercase with hyphens, e.g. ``"twitch-eventsub"``."""
    @property
    def title(self) -> str:
        """A human title, e.g. ``"Discord Gateway"``."""
    @property
    def subprotocols(self) -> tuple[str, ...]:
        """The ``Sec-WebSocket-Protocol`` tokens that select the protocol; empty when none."""
    @property
    def source(self) -> str:
        """The primary source the data was checked against."""
    @property
    def codes(self) -> tuple[ProfileCode, ...]:
        """Every named code, in code order."""
    @property
    def ranges(self) -> tuple[ProfileRange, ...]:
        """Every range rule, in code order."""
    def lookup(self, code: SupportsIndex, /) -> ProfileCode | None:
        """The profile's row for ``code``, if it names that code."""
    def range_of(self, code: SupportsIndex, /) -> ProfileRange | None:
        """The range rule covering ``code``, if any."""
    def advice(self, code: SupportsIndex, /) -> Advice:
        """What this protocol's clients do after ``code``, for any of the 65,536 codes."""
    def codes_for(self, intent: Intent, /) -> tuple[IntentRange, ...]:
        """The codes a server can send that make this protocol's clients do what ``intent``
        wants (``STOP``: advice ``STOP``; ``RETRY``: ``RETRY`` or ``RESUME``), as maximal
        ranges of consecutive codes with one advice, in code order. A non-``Intent`` int raises
        ``ValueError``, anything else ``TypeError``."""
    def check_intent(self, code: SupportsIndex, intent: Intent, /) -> IntentMismatch | None:
        """``None`` when sending ``code`` makes this protocol's clients do what ``intent``
        wants; otherwise what they do instead and the nearest codes that would."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[str]]: ...

@final
class IntentRange:
    """Codes ``first..last`` (inclusive) a server can send that do what an intent wants, all
    with one advice, from :meth:`Profile.codes_for`."""

    @property
    def first(self) -> int: ...
    @property
    def last(self) -> int: ...
    @property
    def advice(self) -> Advice: ...
    def __contains__(self, code: SupportsIndex, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class IntentMismatch:
    """A code that does not do what was intended, from :meth:`Profile.check_intent`. ``str()``
    says so in a sentence."""

    @property
    def code(self) -> int: ...
    @property
    def intent(self) -> Intent: ...
    @property
    def advice(self) -> Advice | None:
        """What the clients do after the code instead; ``None`` when it cannot be sent."""
    @property
    def sendable(self) -> bool:
        """Whether the code may be sent at all (``False``: no client ever receives it)."""
    @property
    def below(self) -> int | None:
        """The highest code below ``code`` that does what was intended, if any."""
    @property
    def above(self) -> int | None:
        """The lowest code above ``code`` that does what was intended, if any."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ProfileCode:
    """One named code of a profile, as returned by :meth:`Profile.lookup`."""

    @property
    def code(self) -> int: ...
    @property
    def const_name(self) -> str:
        """The identifier, e.g. ``"AUTHENTICATION_FAILED"``."""
    @property
    def name(self) -> str:
        """The human name, e.g. ``"Authentication failed"``."""
    @property
    def description(self) -> str: ...
    @property
    def advice(self) -> Advice: ...
    @property
    def source(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ProfileRange:
    """A profile's rule for a whole range of codes (named codes take precedence)."""

    @property
    def first(self) -> int: ...
    @property
    def last(self) -> int: ...
    @property
    def advice(self) -> Advice: ...
    @property
    def description(self) -> str: ...
    @property
    def source(self) -> str: ...
    def __contains__(self, code: SupportsIndex, /) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Decision:
    """What :meth:`ReconnectPolicy.decide` answers: ``stop``, or retry after
    ``retry_after_ms`` milliseconds (``None`` when stopping). ``Decision(None)`` is stop."""

    def __new__(cls, retry_after_ms: int | None, /) -> Decision: ...
    @property
    def stop(self) -> bool: ...
    @property
    def retry_after_ms(self) -> int | None: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[int | None]]: ...

@final
class ReconnectPolicy:
    """Whether and when a client reconnects after a close: the profile's advice (or the
    standard's), overrides, an attempt limit, and exponential backoff with full jitter."""

    MAX_OVERRIDES: ClassVar[int]
    DEFAULT_BASE_MS: ClassVar[int]
    DEFAULT_CAP_MS: ClassVar[int]
    def __new__(
        cls,
        *,
        profile: Profile | None = None,
        base_ms: int | None = None,
        cap_ms: int | None = None,
        max_attempts: int | None = None,
        retry_unspecified: bool = True,
        overrides: Mapping[int, Advice] | None = None,
    ) -> ReconnectPolicy:
        """``base_ms`` and ``cap_ms`` are ints in ``[0, 2**64)`` (``None``: ``DEFAULT_BASE_MS``,
        ``DEFAULT_CAP_MS``), ``max_attempts`` in
        ``[0, 2**32)`` (or objects with ``__index__``); outside, ``ValueError`` naming the
        parameter. Equal policies compare and hash equal whatever order the overrides came in."""
    @property
    def profile(self) -> Profile | None: ...
    @property
    def base_ms(self) -> int: ...
    @property
    def cap_ms(self) -> int: ...
    @property
    def max_attempts(self) -> int | None: ...
    @property
    def retry_unspecified(self) -> bool: ...
    @property
    def overrides(self) -> dict[int, Advice]: ...
    def decide(
        self,
        code: SupportsIndex,
        was_clean: bool,
        attempt: int,
        random: Callable[[], SupportsIndex] | None = None,
    ) -> Decision:
        """Stop or retry after a close with ``code``, when ``attempt`` reconnect attempts were
        already made (``attempt`` in ``[0, 2**32)``, else ``ValueError``). ``random`` returns
        an int (or an object with ``__index__``, such as ``numpy.uint64``) in ``[0, 2**64)`` and
        is called once for a retry; by default ``secrets.randbits(64)``."""
    def advice(self, code: SupportsIndex, was_clean: bool) -> Advice:
        """The resolved advice (never ``UNSPECIFIED``), ignoring the attempt limit."""
    def ceiling_ms(self, attempt: int, /) -> int:
        """The largest delay of attempt ``attempt``: ``min(cap_ms, base_ms * 2**attempt)``."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Explanation:
    """The likely causes of a close, most likely first (never empty); ``str()`` is a report."""

    @property
    def code(self) -> int: ...
    @property
    def was_clean(self) -> bool | None: ...
    @property
    def causes(self) -> tuple[Cause, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Reply:
    """The Close frame a browser sends back: ``code`` ``None`` is an empty Close frame;
    ``payload`` is the frame's payload."""

    @property
    def code(self) -> int | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def payload(self) -> bytes: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class CloseEvent:
    """What a page observes when the server ends the connection: the ``close`` event's fields,
    whether an ``error`` event fired first, and the browser's reply (``None``: no Close frame)."""

    @property
    def engine(self) -> Engine: ...
    @property
    def code(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def was_clean(self) -> bool: ...
    @property
    def error_fired(self) -> bool: ...
    @property
    def reply(self) -> Reply | None: ...

@final
class SentClose:
    """The Close frame a page's ``ws.close(code, reason)`` sends; ``code`` ``None`` is an empty
    Close frame. ``reason`` is after USVString conversion (lone surrogates became U+FFFD)."""

    @property
    def code(self) -> int | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def payload(self) -> bytes: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def _register_model(
    advices: tuple[Advice, ...],
    causes: tuple[Cause, ...],
    engines: tuple[Engine, ...],
    dom_exception: type[DomException],
    invalid_access: type[InvalidAccessError],
    syntax: type[DomSyntaxError],
) -> None: ...
def advices() -> list[tuple[int, str, str, bool | None]]: ...
def intents() -> list[tuple[int, str, str]]: ...
def causes() -> list[tuple[int, str, str, str]]: ...
def explain(code: SupportsIndex, was_clean: bool | None = None) -> Explanation:
    """The likely causes of a close with ``code`` as the receiving application reported it;
    ``was_clean`` is ``CloseEvent.wasClean`` when known."""
def close_event(engine: Engine, payload: Buffer | None, /) -> CloseEvent:
    """What the page sees when the server sends a Close frame with ``payload`` (any bytes), or
    closes the TCP connection (FIN) without one (``None``)."""
def reset_event(engine: Engine, /) -> CloseEvent:
    """What the page sees when the server resets the TCP connection (RST) without a Close
    frame: 1006, not clean; Firefox fires ``error`` first, Chromium does not."""
def page_close(engine: Engine, code: float | None = None, reason: str | None = None) -> SentClose:
    """What a page's ``ws.close(code, reason)`` sends; ``None`` is an omitted argument. Raises
    :class:`InvalidAccessError` or :class:`DomSyntaxError` where the engine throws. ``code`` is
    the JavaScript number a page passes: an int beyond every float is the infinity of its sign
    (as ``Number(10n ** 400n)`` is), so :class:`InvalidAccessError`."""
def _facts_into(fact: int, codes: Buffer, out: Buffer, /) -> None: ...
def facts() -> list[tuple[int, str]]: ...

class StatsInputError(ValueError):
    """The input cannot be read to its end (a truncated or corrupt gzip stream)."""

class StatsHeaderError(ValueError):
    """The CSV header has no column of the field name."""

@final
class StatsCounter:
    """Counts close codes in a byte stream fed in chunks (the engine of ``wsclose stats``)."""

    def __new__(cls, format: str | None = None, field: str | None = None, show_bad: int = 10) -> StatsCounter: ...
    def feed(self, data: bytes, /) -> None: ...
    def feed_file(self, fd: int, offset: int, progress: Callable[[int], object] | None = None) -> bool:
        """Reads the open regular file ``fd`` from ``offset`` to its end (two threads when it is
        large); False where this is not supported (nothing was read)."""
    def finish(self) -> None: ...
    def codes(self) -> list[tuple[int, int]]: ...
    def categories(self) -> list[int]: ...
    @property
    def bad_lines(self) -> int: ...
    @property
    def first_bad(self) -> list[tuple[int, str]]: ...
    @property
    def lines(self) -> int: ...
    @property
    def format(self) -> str | None: ...
    @property
    def gzip(self) -> bool | None: ...
    @property
    def bytes_in(self) -> int: ...
