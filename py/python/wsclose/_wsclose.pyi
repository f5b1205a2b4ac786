"""Private extension module of wsclose (Rust, pyo3). Import ``wsclose`` instead."""

from collections.abc import Iterable
from typing import SupportsIndex

from typing_extensions import Buffer

from wsclose import Category, Close, CloseCode, CloseEncodeError, ClosePayloadError, CodeInfo, PayloadErrorKind, Reconnect

__all__ = [
    "__version__",
    "MAX_CLOSE_PAYLOAD",
    "MAX_REASON_LEN",
    "_register",
    "classify",
    "info",
    "parse_close_payload",
    "build_close_payload",
    "classify_many",
    "standard_codes",
    "categories",
    "reconnects",
    "payload_error_kinds",
]

__version__: str
MAX_CLOSE_PAYLOAD: int
MAX_REASON_LEN: int

def _register(
    categories: tuple[Category, ...],
    reconnects: tuple[Reconnect, ...],
    close_codes: tuple[CloseCode, ...],
    kinds: tuple[PayloadErrorKind, ...],
    code_info: type[CodeInfo],
    close: type[Close],
    payload_error: type[ClosePayloadError],
    encode_error: type[CloseEncodeError],
) -> None: ...
def classify(code: SupportsIndex, /) -> Category: ...
def info(code: SupportsIndex, /) -> CodeInfo: ...
def parse_close_payload(data: Buffer, /) -> Close: ...
def build_close_payload(code: SupportsIndex, reason: str | None = None) -> bytes: ...
def classify_many(codes: Buffer | Iterable[SupportsIndex], /) -> bytes: ...
def standard_codes() -> list[tuple[int, str, str]]: ...
def categories() -> list[tuple[int, str, str, str, int, int]]: ...
def reconnects() -> list[tuple[int, str, str]]: ...
def payload_error_kinds() -> list[tuple[int, str]]: ...
