"""The ``wsclose`` command: explain close codes (optionally as a protocol profile sees them),
list the profiles, list the likely causes of a close, pick a code that makes a profile's clients
stop or reconnect (``advise``), or count codes in a log.

Exit status: 0 on success; 1 when ``stats`` skipped bad lines (the table is still printed), or
when a code given to ``advise`` does not do what was intended;
2 for bad arguments (a bad code, an unreadable file, a usage error); for ``stats`` also 3 when
the input cannot be read to its end and 4 when the output cannot be written (``wsclose stats
--help`` lists them).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO
from urllib.parse import urlencode

from . import CodeInfo, Explanation, Intent, IntentMismatch, IntentRange, Profile, __version__, explain, info

EXIT_OK = 0
EXIT_BAD_LINES = 1
EXIT_NOT_AS_INTENDED = 1
EXIT_USAGE = 2

_USAGE = """\
wsclose [--json | --short] [--profile NAME] CODE [CODE ...]
       wsclose [--json | --short] profiles [NAME]
       wsclose [--json | --short] [--clean | --unclean] explain CODE [CODE ...]
       wsclose [--json | --short] advise --profile NAME --intent stop|retry [CODE ...]
       wsclose [--json] stats FILE|-
       wsclose sql --dialect NAME"""

_EPILOG = """\
examples:
  wsclose 1006                 explain a code
  wsclose --json 1000 4000     one JSON object per line, for machines
  wsclose --short 1000 4000    one line per code
  wsclose 4004 --profile discord-gateway
                               what a protocol's profile says about a code
  wsclose profiles             the profiles, their subprotocols and sources
  wsclose profiles centrifuge  one profile's codes and ranges
  wsclose explain 1006 --unclean
                               the likely causes of a close, and what to check
  wsclose advise --profile centrifuge --intent stop
                               the codes a server can send to make the clients stop
  wsclose advise --profile centrifuge --intent stop 4401
                               exit 1: what the clients do instead, and the nearest codes that stop them
  wsclose stats codes.log      count the codes in a log ('-' reads stdin; wsclose stats --help)
  wsclose sql --dialect postgres
                               the functions as SQL for an engine (wsclose sql --help)

exit status: 0 ok, 1 stats skipped bad lines or an advise code does not do what was intended,
  2 bad arguments (an unknown profile too),
  3 stats could not read its input to the end, 4 stats could not write its output"""


# Where the documentation site (`make site`, docs/release.md) is published; the explainer page is
# one of its pages. WSCLOSE_EXPLAINER_URL points the links elsewhere, e.g. at a local build:
# WSCLOSE_EXPLAINER_URL=file://$PWD/site/explainer.html
EXPLAINER_URL = "https://wsclose.github.io/wsclose/explainer.html"


def explainer_link(code: int, was_clean: bool | None = None, profile: Profile | None = None) -> str:
    """The explainer page's deep link to the view of ``code`` (with ``wasClean`` and a profile)."""
    params: list[tuple[str, str]] = [("code", str(int(code)))]
    if profile is not None:
        params.append(("profile", profile.name))
    if was_clean is not None:
        params.append(("clean", "1" if was_clean else "0"))
    base = os.environ.get("WSCLOSE_EXPLAINER_URL") or EXPLAINER_URL
    return f"{base}#{urlencode(params)}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wsclose",
        usage=_USAGE,
        description="Explain WebSocket close status codes (0-65535), or count them in a log.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    style = parser.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true", help="print JSON instead of text")
    style.add_argument("--short", action="store_true", help="one line per code")
    parser.add_argument("--version", action="version", version=f"wsclose {__version__}")
    parser.add_argument(
        "--profile", metavar="NAME", help="also show what this protocol profile says (see: wsclose profiles)"
    )
    parser.add_argument(
        "--intent",
        choices=[intent.name.lower() for intent in Intent],
        help="advise: what the server wants the profile's clients to do (stop, or retry: reconnect)",
    )
    clean = parser.add_mutually_exclusive_group()
    clean.add_argument("--clean", dest="was_clean", action="store_const", const=True, help="explain: the close was clean")
    clean.add_argument(
        "--unclean", dest="was_clean", action="store_const", const=False, help="explain: the close was not clean"
    )
    parser.add_argument(
        "args",
        nargs="+",
        metavar="CODE",
        help="close codes, or: profiles [NAME], explain CODE..., advise [CODE...], stats FILE|-",
    )
    return parser


def parse_code(text: str) -> int:
    """A decimal close code in 0..65535; ``ValueError`` with a readable message otherwise."""
    try:
        code = int(text.strip(), 10)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    info(code)  # raises ValueError naming the value when out of range
    return code


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _title(facts: CodeInfo) -> str:
    if facts.name is not None:
        return f"{int(facts.code)} {facts.name}"
    return f"{int(facts.code)} ({facts.category.label})"


def describe(code: int, profile: Profile | None = None) -> str:
    """A few lines explaining ``code`` to a person; with ``profile``, what that protocol says too."""
    facts = info(code)
    span = facts.category.range
    rows = [
        ("category", f"{facts.category.label} ({span.start}-{span.stop - 1})"),
        ("meaning", facts.description),
        ("sendable", _yes_no(facts.sendable) + ("" if facts.sendable else " (never in a Close frame)")),
        ("local only", _yes_no(facts.local_only)),
        ("browser close()", _yes_no(facts.browser_closeable)),
        ("clean close", _yes_no(facts.ok)),
        ("reconnect", facts.reconnect.label),
    ]
    if profile is not None:
        rows += _profile_rows(code, profile)
    rows.append(("explainer", explainer_link(code, None, profile)))
    width = max(len(key) for key, _ in rows)
    return "\n".join([_title(facts)] + [f"  {key:<{width}}  {value}" for key, value in rows])


def one_line(code: int, profile: Profile | None = None) -> str:
    """``describe`` in one line."""
    facts = info(code)
    line = (
        f"{_title(facts):<31} category={facts.category.label:<12} sendable={_yes_no(facts.sendable):<3} "
        f"local_only={_yes_no(facts.local_only):<3} browser_closeable={_yes_no(facts.browser_closeable):<3} "
        f"ok={_yes_no(facts.ok):<3} reconnect={facts.reconnect.label}"
    )
    if profile is None:
        return line
    row = profile.lookup(code)
    named = f" {profile.name}={row.const_name}" if row is not None else ""
    return f"{line}{named} {profile.name}_advice={profile.advice(code).label}"


def _profile_rows(code: int, profile: Profile) -> list[tuple[str, str]]:
    """The rows ``describe`` adds for a profile: the profile's name, meaning and advice."""
    rows = [("profile", f"{profile.title} ({profile.name})")]
    row = profile.lookup(code)
    rule = profile.range_of(code)
    if row is not None:
        rows += [("profile name", f"{row.name} ({row.const_name})"), ("profile meaning", row.description)]
    elif rule is not None:
        rows.append(("profile range", f"{rule.first}-{rule.last}: {rule.description}"))
    else:
        rows.append(("profile name", "none (the profile does not name this code)"))
    rows.append(("profile advice", profile.advice(code).label))
    return rows


def profile_json(code: int, profile: Profile) -> dict[str, object]:
    """What ``profile`` says about ``code``, JSON-ready."""
    row = profile.lookup(code)
    rule = profile.range_of(code)
    return {
        "profile": profile.name,
        "name": None if row is None else row.name,
        "const_name": None if row is None else row.const_name,
        "description": None if row is None else row.description,
        "range": None if rule is None else {"first": rule.first, "last": rule.last, "description": rule.description},
        "advice": profile.advice(code).name,
    }


def as_json(code: int, profile: Profile | None = None) -> dict[str, object]:
    """The facts about ``code`` as a JSON-ready dict (with ``"profile"`` when one is given)."""
    facts = info(code)
    result: dict[str, object] = {
        "code": int(facts.code),
        "name": facts.name,
        "category": facts.category.name,
        "description": facts.description,
        "sendable": facts.sendable,
        "local_only": facts.local_only,
        "browser_closeable": facts.browser_closeable,
        "ok": facts.ok,
        "reconnect": facts.reconnect.name,
    }
    if profile is not None:
        result["profile"] = profile_json(code, profile)
    return result


def _codes(raw: Sequence[str], err: TextIO) -> list[int] | None:
    """The codes of ``raw``, or ``None`` after reporting every bad one to ``err``."""
    codes: list[int] = []
    bad = False
    for text in raw:
        try:
            codes.append(parse_code(text))
        except ValueError as exc:
            print(f"wsclose: bad code: {exc}", file=err)
            bad = True
    return None if bad else codes


def find_profile(name: str) -> Profile:
    """The profile called ``name``; ``ValueError`` naming the profiles otherwise."""
    profile = Profile.by_name(name)
    if profile is None:
        names = ", ".join(profile.name for profile in Profile.ALL)
        raise ValueError(f"no profile {name!r} (profiles: {names})")
    return profile


def profile_summary_json(profile: Profile) -> dict[str, object]:
    return {
        "name": profile.name,
        "title": profile.title,
        "subprotocols": list(profile.subprotocols),
        "source": profile.source,
    }


def profile_detail_json(profile: Profile) -> dict[str, object]:
    result = profile_summary_json(profile)
    result["codes"] = [
        {
            "code": row.code,
            "name": row.name,
            "const_name": row.const_name,
            "description": row.description,
            "advice": row.advice.name,
            "source": row.source,
        }
        for row in profile.codes
    ]
    result["ranges"] = [
        {
            "first": rule.first,
            "last": rule.last,
            "description": rule.description,
            "advice": rule.advice.name,
            "source": rule.source,
        }
        for rule in profile.ranges
    ]
    return result


def _profiles(raw: Sequence[str], use_json: bool, short: bool, out: TextIO, err: TextIO) -> int:
    if len(raw) > 1:
        print("wsclose: usage: wsclose [--json | --short] profiles [NAME]", file=err)
        return EXIT_USAGE
    if not raw:
        for index, profile in enumerate(Profile.ALL):
            subprotocols = ", ".join(profile.subprotocols) or "none"
            if use_json:
                print(json.dumps(profile_summary_json(profile)), file=out)
            elif short:
                print(f"{profile.name:<21} {profile.title:<21} subprotocols={subprotocols}", file=out)
            else:
                if index:
                    print(file=out)
                print(f"{profile.name} ({profile.title})", file=out)
                print(f"  subprotocols  {subprotocols}", file=out)
                print(f"  source        {profile.source}", file=out)
        return EXIT_OK
    try:
        profile = find_profile(raw[0])
    except ValueError as exc:
        print(f"wsclose: {exc}", file=err)
        return EXIT_USAGE
    if use_json:
        print(json.dumps(profile_detail_json(profile)), file=out)
        return EXIT_OK
    if not short:
        print(f"{profile.name} ({profile.title})", file=out)
        print(f"  subprotocols  {', '.join(profile.subprotocols) or 'none'}", file=out)
        print(f"  source        {profile.source}", file=out)
        print(file=out)
        print(f"{'code':>5}  {'advice':<11}  name", file=out)
    for row in profile.codes:
        if short:
            print(f"{row.code} {row.const_name} {row.advice.label}", file=out)
        else:
            print(f"{row.code:>5}  {row.advice.label:<11}  {row.name} ({row.const_name}): {row.description}", file=out)
    if profile.ranges and not short:
        print(file=out)
        print(f"{'range':>9}  {'advice':<11}  meaning", file=out)
    for rule in profile.ranges:
        span = f"{rule.first}-{rule.last}"
        if short:
            print(f"{span} {rule.advice.label}", file=out)
        else:
            print(f"{span:>9}  {rule.advice.label:<11}  {rule.description}", file=out)
    return EXIT_OK


def explanation_json(explanation: Explanation) -> dict[str, object]:
    """An :class:`Explanation` as a JSON-ready dict."""
    return {
        "code": int(explanation.code),
        "was_clean": explanation.was_clean,
        "causes": [{"cause": cause.name, "summary": cause.summary, "check": cause.check} for cause in explanation.causes],
    }


def _why(
    raw: Sequence[str], was_clean: bool | None, use_json: bool, short: bool, out: TextIO, err: TextIO
) -> int:
    if not raw:
        print("wsclose: usage: wsclose [--json | --short] [--clean | --unclean] explain CODE [CODE ...]", file=err)
        return EXIT_USAGE
    codes = _codes(raw, err)
    if codes is None:
        return EXIT_USAGE
    for index, code in enumerate(codes):
        explanation = explain(code, was_clean)
        if use_json:
            print(json.dumps(explanation_json(explanation)), file=out)
        elif short:
            print(f"{code} {','.join(cause.name for cause in explanation.causes)}", file=out)
        else:
            if index:
                print(file=out)
            print(str(explanation), end="", file=out)
            print(f"see {explainer_link(code, was_clean)}", file=out)
    return EXIT_OK


def intent_range_json(rule: IntentRange) -> dict[str, object]:
    return {"first": rule.first, "last": rule.last, "advice": rule.advice.name}


def intent_check_json(profile: Profile, intent: Intent, code: int, miss: IntentMismatch | None) -> dict[str, object]:
    """The verdict of :meth:`Profile.check_intent` as a JSON-ready dict."""
    result: dict[str, object] = {"code": code, "profile": profile.name, "intent": intent.name, "ok": miss is None}
    if miss is not None:
        result["sendable"] = miss.sendable
        result["advice"] = None if miss.advice is None else miss.advice.name
        result["below"] = miss.below
        result["above"] = miss.above
    return result


def _span(rule: IntentRange) -> str:
    return str(rule.first) if rule.first == rule.last else f"{rule.first}-{rule.last}"


def _verdict(profile: Profile, intent: Intent, code: int, miss: IntentMismatch | None) -> str:
    """One or two sentences: whether ``code`` does what was intended, and the nearest codes that do."""
    wanted = "stop" if intent is Intent.STOP else "reconnect"
    if miss is None:
        return f"{code}: {profile.name} clients {wanted} after {code}, as intended"
    if miss.advice is None:
        head = f"{code}: cannot be sent in a Close frame, so {profile.name} clients never see it"
    elif miss.advice.reconnects is None:
        head = f"{code}: {profile.name} says nothing about {code} (advice unspecified), so its clients do not reliably {wanted}"
    else:
        instead = "reconnect" if miss.advice.reconnects else "stop"
        head = f"{code}: {profile.name} clients {instead} after {code} (advice {miss.advice.label}), they do not {wanted}"
    nearest = [f"{near} ({side})" for near, side in ((miss.below, "below"), (miss.above, "above")) if near is not None]
    if not nearest:
        return f"{head}; no code makes them {wanted}"
    return f"{head}; nearest codes that make them {wanted}: {', '.join(nearest)}"


def _advise(
    raw: Sequence[str],
    profile_name: str | None,
    intent_name: str | None,
    use_json: bool,
    short: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    if profile_name is None or intent_name is None:
        print("wsclose: usage: wsclose [--json | --short] advise --profile NAME --intent stop|retry [CODE ...]", file=err)
        return EXIT_USAGE
    try:
        profile = find_profile(profile_name)
    except ValueError as exc:
        print(f"wsclose: {exc}", file=err)
        return EXIT_USAGE
    intent = Intent[intent_name.upper()]
    codes = _codes(raw, err)
    if codes is None:
        return EXIT_USAGE
    if not codes:
        ranges = profile.codes_for(intent)
        if use_json:
            rows = [intent_range_json(rule) for rule in ranges]
            print(json.dumps({"profile": profile.name, "intent": intent.name, "ranges": rows}), file=out)
            return EXIT_OK
        if not short:
            wanted = "stop" if intent is Intent.STOP else "reconnect"
            print(f"{profile.name} ({profile.title}): the codes a server can send to make its clients {wanted}", file=out)
            print(file=out)
            print(f"{'codes':>9}  advice", file=out)
        for rule in ranges:
            if short:
                print(f"{_span(rule)} {rule.advice.label}", file=out)
            else:
                print(f"{_span(rule):>9}  {rule.advice.label}", file=out)
        if not ranges and not short:
            print("    (none)", file=out)
        return EXIT_OK
    status = EXIT_OK
    for code in codes:
        miss = profile.check_intent(code, intent)
        if miss is not None:
            status = EXIT_NOT_AS_INTENDED
        if use_json:
            print(json.dumps(intent_check_json(profile, intent, code, miss)), file=out)
        elif short:
            if miss is None:
                print(f"{code} ok", file=out)
            else:
                instead = "unsendable" if miss.advice is None else miss.advice.label
                below = "-" if miss.below is None else miss.below
                above = "-" if miss.above is None else miss.above
                print(f"{code} {instead} {below} {above}", file=out)
        else:
            print(_verdict(profile, intent, code, miss), file=out)
    return status


def _explain(
    raw: Sequence[str], use_json: bool, short: bool, out: TextIO, err: TextIO, profile: Profile | None = None
) -> int:
    codes = _codes(raw, err)
    if codes is None:
        return EXIT_USAGE
    for index, code in enumerate(codes):
        if use_json:
            print(json.dumps(as_json(code, profile)), file=out)
        elif short:
            print(one_line(code, profile), file=out)
        else:
            if index:
                print(file=out)
            print(describe(code, profile), file=out)
    return EXIT_OK


def _sql(raw: Sequence[str], out: TextIO) -> int:
    from . import _sqlfiles

    parser = argparse.ArgumentParser(
        prog="wsclose sql",
        description="Print SQL that defines wsclose's functions in a database engine, generated from the core: "
        "wsclose_category(code), wsclose_name, wsclose_sendable, wsclose_local_only, wsclose_browser_closeable, "
        "wsclose_ok, wsclose_reconnect and wsclose_advice(profile, code). A NULL or out-of-range code gives NULL.",
        epilog="example: wsclose sql --dialect postgres | psql mydb",
    )
    parser.add_argument("--dialect", required=True, choices=_sqlfiles.DIALECTS, help="the SQL dialect")
    options = parser.parse_args(raw)
    out.write(_sqlfiles.text(options.dialect))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    if (args := list(sys.argv[1:] if argv is None else argv))[:1] == ["stats"] or args[:2] == ["--json", "stats"]:
        from . import stats  # `wsclose [--json] stats ...` parses its own options

        return stats.main(args)
    if args[:1] == ["sql"]:
        return _sql(args[1:], sys.stdout)
    parser = _parser()
    # Options may come after the codes: `wsclose explain 1006 --unclean`, `wsclose 4004 --profile NAME`.
    options = parser.parse_intermixed_args(argv)
    raw: list[str] = options.args
    use_json: bool = options.json
    short: bool = options.short
    was_clean: bool | None = options.was_clean
    profile_name: str | None = options.profile
    intent_name: str | None = options.intent
    command = raw[0] if raw[0] in ("stats", "profiles", "explain", "advise") else None
    if was_clean is not None and command != "explain":
        parser.error("--clean and --unclean go with: explain CODE")
    if intent_name is not None and command != "advise":
        parser.error("--intent goes with: advise --profile NAME --intent stop|retry [CODE ...]")
    if command == "advise":
        return _advise(raw[1:], profile_name, intent_name, use_json, short, sys.stdout, sys.stderr)
    if profile_name is not None and command is not None:
        parser.error("--profile goes with codes: wsclose --profile NAME CODE [CODE ...]")
    if command == "stats":
        # Options before `stats` other than --json (handled above): hand the rest to stats.
        from . import stats

        return stats.main((["--json"] if use_json else []) + raw)
    if command == "profiles":
        return _profiles(raw[1:], use_json, short, sys.stdout, sys.stderr)
    if command == "explain":
        return _why(raw[1:], was_clean, use_json, short, sys.stdout, sys.stderr)
    profile = None
    if profile_name is not None:
        try:
            profile = find_profile(profile_name)
        except ValueError as exc:
            print(f"wsclose: {exc}", file=sys.stderr)
            return EXIT_USAGE
    return _explain(raw, use_json, short, sys.stdout, sys.stderr, profile)


def entry_point() -> None:
    """The ``wsclose`` console script."""
    try:
        status = main()
        if sys.stdout is not None:  # None when the process was started with stdout closed
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `wsclose stats big.log | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_OK
    sys.exit(status)
