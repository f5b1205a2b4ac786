"""Shared helpers for the tests: the golden vectors and the rules, written out independently of
the implementation (from the project's specification, not from wsclose's own tables)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"

# --- The rules, as the specification states them -------------------------------------------

NAMES = {
    1000: "Normal Closure",
    1001: "Going Away",
    1002: "Protocol Error",
    1003: "Unsupported Data",
    1004: "Reserved",
    1005: "No Status Received",
    1006: "Abnormal Closure",
    1007: "Invalid Frame Payload Data",
    1008: "Policy Violation",
    1009: "Message Too Big",
    1010: "Mandatory Extension",
    1011: "Internal Error",
    1012: "Service Restart",
    1013: "Try Again Later",
    1014: "Bad Gateway",
    1015: "TLS Handshake",
}


def rule_category(code: int) -> int:
    """0 Unused, 1 Standard, 2 Reserved, 3 Registered, 4 Private, 5 OutOfRange."""
    if code <= 999:
        return 0
    if code <= 1015:
        return 1
    if code <= 2999:
        return 2
    if code <= 3999:
        return 3
    if code <= 4999:
        return 4
    return 5


def rule_sendable(code: int) -> bool:
    return 1000 <= code <= 1003 or 1007 <= code <= 1014 or 3000 <= code <= 4999


def rule_local_only(code: int) -> bool:
    return code in (1005, 1006, 1015)


def rule_browser_closeable(code: int) -> bool:
    return code == 1000 or 3000 <= code <= 4999


def rule_ok(code: int) -> bool:
    return code in (1000, 1001, 1005)


def rule_reconnect(code: int) -> int:
    """0 Never, 1 Backoff, 2 AppDefined."""
    if code in (1001, 1005, 1006, 1011, 1012, 1013, 1014):
        return 1
    if 3000 <= code <= 4999:
        return 2
    return 0


# --- Golden vectors (format: docs/VECTORS.md) -----------------------------------------------


def read_tsv(name: str) -> list[dict[str, str]]:
    """The data rows of tests/vectors/NAME, keyed by the header; comments skipped."""
    with open(VECTORS / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def hex_field(field: str) -> bytes:
    return b"" if field == "-" else bytes.fromhex(field)


@dataclass(frozen=True)
class ParseVector:
    payload: bytes
    result: str
    code: int
    reason: bytes


def parse_vectors() -> list[ParseVector]:
    return [
        ParseVector(hex_field(row["payload_hex"]), row["result"], int(row["code"]), hex_field(row["reason_hex"]))
        for row in read_tsv("parse.tsv")
    ]
