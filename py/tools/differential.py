"""The Python column of the cross-language differential (docs/differential.md).

    python py/tools/differential.py CORPUS_DIR OUT_FILE

Reads the corpus in ``tests/differential/`` and writes the answers of the installed ``wsclose``
package, through its public API only, in the neutral format every language writes:
all 65,536 codes (``info``), every payload of ``parse.txt`` (``parse_close_payload``), every row of
``encode.tsv`` with the reason as ``bytes`` (``encode``) and, where a string can hold it, as a
``str`` decoded from the UTF-16 column with ``surrogatepass`` (``encode16``), so that a lone
surrogate reaches the core and fails there. ``xtask differential`` compares the file with the core.
"""

from __future__ import annotations

import sys
from pathlib import Path

import wsclose
from wsclose import PayloadError


def unhex(field: str) -> bytes:
    return b"" if field == "-" else bytes.fromhex(field)


def hex_or_dash(data: bytes) -> str:
    return data.hex() or "-"


def dash(value: int | None) -> str:
    return "-" if value is None else str(int(value))


def flag(value: bool) -> str:
    return "1" if value else "0"


def error(err: PayloadError) -> str:
    kind = err.kind
    return f"err\t{kind.value}\t{dash(err.close_code)}\t{dash(err.code)}\t{kind.result_number}\t{kind.message}"


def code_line(code: int) -> str:
    facts = wsclose.info(code)
    return "\t".join(
        [
            "code",
            str(code),
            facts.category.name,
            facts.category.label,
            facts.name or "-",
            facts.const_name or "-",
            flag(facts.sendable),
            flag(facts.local_only),
            flag(facts.browser_closeable),
            flag(facts.ok),
            facts.reconnect.name,
            facts.reconnect.label,
            facts.description,
        ]
    )


def parse_answer(payload: bytes) -> str:
    try:
        close = wsclose.parse_close_payload(payload)
    except PayloadError as err:
        return error(err)
    return f"ok\t{int(close.code)}\t{hex_or_dash(close.reason.encode('utf-8'))}"


def encode_answer(code: int, reason: str | bytes) -> str:
    try:
        payload = wsclose.encode_close_payload(code, reason)
    except PayloadError as err:
        return error(err)
    return f"ok\t{payload.hex()}"


def data_lines(path: Path) -> list[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    if not lines:
        raise SystemExit(f"differential: no rows read from {path}")
    return lines


def answers(corpus: Path) -> list[str]:
    out = [code_line(code) for code in range(65536)]
    out += [f"parse\t{line}\t{parse_answer(unhex(line))}" for line in data_lines(corpus / "parse.txt")]
    rows = [line.split("\t") for line in data_lines(corpus / "encode.tsv")]
    out += [f"encode\t{code}\t{reason_hex}\t{encode_answer(int(code), unhex(reason_hex))}" for code, reason_hex, _ in rows]
    for code, _, utf16 in rows:
        if utf16 == "x":
            continue  # no string holds these bytes
        reason = unhex(utf16).decode("utf-16-be", "surrogatepass")
        out.append(f"encode16\t{code}\t{utf16}\t{encode_answer(int(code), reason)}")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: differential.py CORPUS_DIR OUT_FILE", file=sys.stderr)
        return 2
    lines = answers(Path(argv[0]))
    Path(argv[1]).write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
