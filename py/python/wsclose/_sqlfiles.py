"""The generated SQL of every dialect (``_sql/<dialect>.sql``, written by xtask from the core)."""

from __future__ import annotations

from importlib import resources
from typing import Final

_DIR = resources.files("wsclose").joinpath("_sql")

DIALECTS: Final[tuple[str, ...]] = tuple(
    sorted(entry.name.removesuffix(".sql") for entry in _DIR.iterdir() if entry.name.endswith(".sql"))
)
"""The dialects, by the names ``wsclose sql --dialect`` takes (sqlglot's names)."""


def text(dialect: str) -> str:
    """The SQL that defines the functions in ``dialect``; ``ValueError`` naming the dialects otherwise."""
    if dialect not in DIALECTS:
        raise ValueError(f"no SQL dialect {dialect!r} (dialects: {', '.join(DIALECTS)})")
    return _DIR.joinpath(f"{dialect}.sql").read_text(encoding="utf-8")
