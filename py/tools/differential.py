"""The Python column of the cross-language differential (docs/differential.md).

    python py/tools/differential.py CORPUS_DIR OUT_FILE

Reads the corpus in ``tests/differential/`` and writes the answers of the installed ``wsclose``
package, through its public API only, in the neutral format every language writes:
all 65,536 codes (``info``), every payload of ``parse.txt`` (``parse_close_payload``), every row of
``encode.tsv`` with the reason as ``bytes`` (``encode``) and, where a string can hold it, as a
``str`` decoded from the UTF-16 column with ``surrogatepass`` (``encode16``), so that a lone
surrogate reaches the core and fails there. Then the newer sections: ``advice`` (every
``Profile`` over all 65,536 codes), ``policy`` (every row of ``policy.tsv`` through
``ReconnectPolicy.decide`` with the row's random value injected), ``explain`` (all codes, each
with ``was_clean`` unknown, False and True), ``event`` (``close_event`` for a dropped connection,
``reset_event`` for a reset one and
every payload of ``parse.txt``, per engine) and ``pageclose`` (``page_close`` for every row of
``pageclose.tsv``, per engine; the reason's UTF-16 code units become a ``str`` with
``surrogatepass``, so a lone surrogate reaches the core) and ``profile`` (``Profile.by_name`` and
``by_subprotocol`` for every name of ``profile.txt``, WTF-8 decoded with ``surrogatepass``: a lone
surrogate finds no profile), ``intent`` (``Profile.codes_for`` and ``Profile.check_intent`` for every
profile, intent and code of ``intent.txt``); ``policy`` rows with ``#N`` (a raw advice number) and
``event`` rows for engine ``#7`` are refused. ``xtask differential`` compares the file
with the core.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import wsclose
from wsclose import Advice, DomException, Engine, Intent, PayloadError, Profile, ReconnectPolicy


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


def advice_lines() -> list[str]:
    return [
        f"advice\t{profile.name}\t{code}\t{profile.advice(code).name}"
        for profile in Profile.ALL
        for code in range(65536)
    ]


def policy_answer(row: str) -> str:
    name, base_ms, cap_ms, max_attempts, retry_unspecified, overrides, code, was_clean, attempt, random = row.split("\t")
    profile = None
    if name != "-":
        profile = Profile.by_name(name)
        if profile is None:
            raise SystemExit(f"differential: no profile {name!r}")
    pairs = [] if overrides == "-" else [item.split(":") for item in overrides.split(",")]
    # `#N`: the raw advice number N (an int where an Advice belongs); one that is no advice is
    # refused with ValueError when the policy is built.
    raw = any(advice.startswith("#") for _, advice in pairs)
    try:
        policy = ReconnectPolicy(
            profile=profile,
            base_ms=int(base_ms),
            cap_ms=int(cap_ms),
            max_attempts=None if max_attempts == "-" else int(max_attempts),
            retry_unspecified=retry_unspecified == "1",
            overrides={
                int(code): cast(Advice, int(advice[1:])) if advice.startswith("#") else Advice[advice]
                for code, advice in pairs
            },
        )
    except ValueError:
        if not raw:
            raise
        return "refused\t-"
    value = int(random)
    decision = policy.decide(int(code), was_clean == "1", int(attempt), lambda: value)
    return "stop\t-" if decision.stop else f"retry\t{decision.retry_after_ms}"


def explain_lines() -> list[str]:
    out = []
    for code in range(65536):
        for clean, was_clean in (("-", None), ("0", False), ("1", True)):
            causes = ",".join(cause.name for cause in wsclose.explain(code, was_clean).causes)
            out.append(f"explain\t{code}\t{clean}\t{causes}")
    return out


def event_answer(engine: Engine, payload: bytes | None, *, reset: bool = False) -> str:
    event = wsclose.reset_event(engine) if reset else wsclose.close_event(engine, payload)
    reply = event.reply
    if reply is None:
        answer = "none"
    elif reply.code is None:
        answer = "empty"
    else:
        answer = f"{reply.code}:{hex_or_dash(reply.reason.encode('utf-8'))}"
    fields = [str(int(event.code)), flag(event.was_clean), flag(event.error_fired)]
    return "\t".join([*fields, hex_or_dash(event.reason.encode("utf-8")), answer])


def js_number(literal: str) -> float | None:
    """A JavaScript number literal of the corpus (``NaN``, ``-Infinity``, ``1e300``, ``-0``)."""
    if literal == "undefined":
        return None
    return float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}.get(literal, literal))


def pageclose_answer(engine: Engine, code: str, reason: str) -> str:
    text = None if reason == "undefined" else unhex(reason).decode("utf-16-be", "surrogatepass")
    try:
        sent = wsclose.page_close(engine, js_number(code), text)
    except DomException as err:
        return f"throw\t{err.name}"
    return f"ok\t{dash(sent.code)}\t{hex_or_dash(sent.reason.encode('utf-8'))}"


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
    out += advice_lines()
    out += [f"policy\t{row}\t{policy_answer(row)}" for row in data_lines(corpus / "policy.tsv")]
    out += explain_lines()
    payloads = data_lines(corpus / "parse.txt")
    for engine in Engine:
        out.append(f"event\t{engine.value}\tdropped\t{event_answer(engine, None)}")
        out.append(f"event\t{engine.value}\treset\t{event_answer(engine, None, reset=True)}")
        out += [f"event\t{engine.value}\t{line}\t{event_answer(engine, unhex(line))}" for line in payloads]
    # An engine number that is no engine: Python engines are Engine members (str), so the int 7
    # is refused with TypeError.
    for name, reset, payload in (("dropped", False, None), ("reset", True, None), ("03e8", False, b"\x03\xe8")):
        try:
            bad = cast(Engine, 7)
            wsclose.reset_event(bad) if reset else wsclose.close_event(bad, payload)
        except TypeError:
            out.append(f"event\t#7\t{name}\trefused")
        else:
            raise SystemExit("differential: engine 7 was accepted")
    pages = [line.split("\t") for line in data_lines(corpus / "pageclose.tsv")]
    for engine in Engine:
        out += [f"pageclose\t{engine.value}\t{code}\t{reason}\t{pageclose_answer(engine, code, reason)}" for code, reason in pages]
    # A name as WTF-8: surrogatepass turns a lone surrogate into a str holding it, which names no profile.
    for line in data_lines(corpus / "profile.txt"):
        name = unhex(line).decode("utf-8", "surrogatepass")
        by_name, by_token = Profile.by_name(name), Profile.by_subprotocol(name)
        out.append(f"profile\t{line}\t{by_name.name if by_name else '-'}\t{by_token.name if by_token else '-'}")
    out += intent_lines([int(line) for line in data_lines(corpus / "intent.txt")])
    return out


def intent_lines(codes: list[int]) -> list[str]:
    out = []
    for profile in Profile.ALL:
        for intent in Intent:
            head = f"intent\t{profile.name}\t{intent.name}"
            ranges = profile.codes_for(intent)
            out.append(f"{head}\tranges\t{len(ranges)}")
            out += [f"{head}\trange\t{r.first}\t{r.last}\t{r.advice.name}" for r in ranges]
            for code in codes:
                miss = profile.check_intent(code, intent)
                if miss is None:
                    verdict = "ok"
                elif miss.advice is None:
                    verdict = f"unsendable\t{dash(miss.below)}\t{dash(miss.above)}"
                else:
                    verdict = f"advice\t{miss.advice.name}\t{dash(miss.below)}\t{dash(miss.above)}"
                out.append(f"{head}\tcheck\t{code}\t{verdict}")
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
