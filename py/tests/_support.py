"""Shared helpers for the tests: readers of the golden vectors (tests/vectors/, generated from the
core). The tests take their expectations from these files or from the package's own API, never
from tables typed out here."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"

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
    """For OK the parsed code; for an error the code to answer with."""
    reason: bytes


def parse_vectors() -> list[ParseVector]:
    vectors = [
        ParseVector(hex_field(row["payload_hex"]), row["result"], int(row["code"]), hex_field(row["reason_hex"]))
        for row in read_tsv("parse.tsv")
    ]
    assert len(vectors) > 0, "no rows read from parse.tsv"
    return vectors


@dataclass(frozen=True)
class EncodeVector:
    code: int
    reason: bytes
    reason_utf16: str | None
    """The same reason as a str (decoded from the UTF-16 column), or None when no str holds it."""
    result: str
    answer_code: int | None
    payload: bytes


def encode_vectors() -> list[EncodeVector]:
    vectors = [
        EncodeVector(
            int(row["code"]),
            hex_field(row["reason_hex"]),
            None if row["reason_utf16"] == "x" else hex_field(row["reason_utf16"]).decode("utf-16-be", "surrogatepass"),
            row["result"],
            None if row["answer_code"] == "-" else int(row["answer_code"]),
            hex_field(row["payload_hex"]),
        )
        for row in read_tsv("encode.tsv")
    ]
    assert len(vectors) > 0, "no rows read from encode.tsv"
    return vectors
