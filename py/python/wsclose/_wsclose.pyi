"""Private extension module of wsclose (Rust, pyo3). Import ``wsclose`` instead."""

from collections.abc import Iterable
from typing import SupportsIndex, final

from typing_extensions import Buffer

from wsclose import Category, Close, CloseCode, PayloadError, PayloadErrorKind, Reconnect

__all__ = [
    "__version__",
    "MAX_CLOSE_PAYLOAD",
    "MAX_REASON_LEN",
    "CodeInfo",
    "_register",
    "classify",
    "info",
    "parse_close_payload",
    "_parse_close_payload_safe",
    "encode_close_payload",
    "classify_many",
    "categories",
    "reconnects",
    "payload_error_kinds",
    "facts",
    "_facts_into",
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
def info(code: SupportsIndex, /) -> CodeInfo: ...
def parse_close_payload(data: Buffer, /) -> Close: ...
def _parse_close_payload_safe(data: bytes, /) -> Close: ...
def encode_close_payload(code: SupportsIndex, reason: str | Buffer | None = None) -> bytes: ...
def classify_many(codes: Buffer | Iterable[SupportsIndex], /) -> bytes: ...
def categories() -> list[tuple[int, str, str, str, int, int]]: ...
def reconnects() -> list[tuple[int, str, str]]: ...
def payload_error_kinds() -> list[tuple[str, str, int, int | None]]: ...
def _facts_into(fact: int, codes: Buffer, out: Buffer, /) -> None: ...
def facts() -> list[tuple[int, str]]: ...
