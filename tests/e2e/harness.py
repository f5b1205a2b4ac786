#!/usr/bin/env python3
"""What a page sees when a WebSocket closes, measured in real browsers.

A loopback HTTP + raw WebSocket server (asyncio, standard library only) serves page.html and
page.js, then for every case of the corpus either sends a Close frame made of arbitrary bytes
(malformed ones included) or drops TCP, and records what the browser answers. The page reports
each CloseEvent and each exception of `WebSocket.close()` back by POST. Browsers are Debian's
`chromium` and `firefox-esr`, started headless as plain subprocesses on the page URL.

    python3 tests/e2e/harness.py [--browser chromium|firefox] [--model CMD] [--out DIR]

Environment: E2E_WINDOW (sockets in flight per page, default 6), E2E_BROWSER_TIMEOUT (seconds
one browser may take, default 600).

Without --model it only measures and writes DIR/<browser>.tsv. With --model CMD it feeds the
corpus (corpus.tsv) to CMD's stdin, reads the model's answers in the same TSV form from its
stdout and fails on the first differences. Exit status: 0 when every browser matched.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 §1.3
# Loopback addresses the sockets are spread over (Linux routes all of 127/8 to lo): browsers open
# WebSockets to one address one at a time (RFC 6455 §4.1), so one address would be a queue.
HOSTS = [f"127.0.0.{n}" for n in range(1, 17)]
# WebSockets in flight per page. Chromium delays each new connection by 1-5 s x 2^pending / 65536
# (services/network/websocket_throttler.cc, WebSocketPerProcessThrottler::CalculateDelay), so a
# dozen pending handshakes already cost ~0.1-0.3 s each; 6 keeps the delay under 1 ms.
WINDOW = int(os.environ.get("E2E_WINDOW", "6"))
REPLY_TIMEOUT = 5.0  # seconds the server waits for the browser's Close reply
STALL_TIMEOUT = 60.0  # seconds without any progress before a browser counts as hung
BROWSER_TIMEOUT = float(os.environ.get("E2E_BROWSER_TIMEOUT", "600"))  # seconds one browser may take for all sweeps

# ---------------------------------------------------------------------------------------------
# The corpus. Both the browsers and the model are asked about exactly these cases.
# ---------------------------------------------------------------------------------------------

CODES = 65536


def recv_corpus() -> list[tuple[int, bytes | None, str]]:
    """(id, Close payload the server sends or None to drop TCP, note) for the server → page sweep."""
    cases: list[tuple[int, bytes | None, str]] = [
        (code, struct.pack("!H", code), f"code {code}") for code in range(CODES)
    ]
    c1000 = struct.pack("!H", 1000)
    extras: list[tuple[bytes | None, str]] = [
        (b"", "empty payload"),
        (b"\x03", "1 byte"),
        (b"\x00", "1 byte 00"),
        (b"\xff", "1 byte ff"),
        (c1000 + b"a" * 121, "123-byte payload"),
        (c1000 + b"a" * 122, "124-byte payload"),
        (c1000 + b"a" * 123, "125-byte payload (longest)"),
        (c1000 + b"a" * 124, "126-byte payload"),
        (struct.pack("!H", 4000) + b"a" * 200, "202-byte payload"),
        (c1000 + b"\xff", "reason ff"),
        (c1000 + b"ok\xff", "reason ok ff"),
        (c1000 + b"\xc0\xaf", "overlong 2-byte"),
        (c1000 + b"\xe0\x80\xaf", "overlong 3-byte"),
        (c1000 + b"\xe2\x82", "truncated 3-byte"),
        (c1000 + b"\xf0\x9f\x98", "truncated 4-byte"),
        (c1000 + b"\xed\xa0\x80", "lone surrogate ED A0 80"),
        (c1000 + b"\xed\xbf\xbf", "lone surrogate ED BF BF"),
        (c1000 + b"\xf4\x90\x80\x80", "above U+10FFFF"),
        (c1000 + b"\x00", "reason NUL"),
        (c1000 + b"a\x00b", "reason a NUL b"),
        (struct.pack("!H", 4000) + "héllo €😀".encode(), "4000 multi-byte reason"),
        (struct.pack("!H", 3000) + "é".encode() * 61 + b"a", "3000 123-byte 2-byte-char reason"),
        (struct.pack("!H", 1005) + b"x", "1005 with reason"),
        (struct.pack("!H", 1006) + b"x", "1006 with reason"),
        (struct.pack("!H", 999) + b"bye", "999 with reason"),
        (struct.pack("!H", 999) + b"\xff", "999 with bad reason"),
        (struct.pack("!H", 5000) + b"bye", "5000 with reason"),
        (struct.pack("!H", 1016) + b"a" * 124, "1016, 126-byte payload"),
        (None, "TCP dropped without Close"),
    ]
    cases += [(CODES + i, payload, note) for i, (payload, note) in enumerate(extras)]
    return cases


def units(s: str) -> list[int]:
    """UTF-16 code units of a Python string (which may hold lone surrogates)."""
    out: list[int] = []
    for ch in s:
        cp = ord(ch)
        if cp >= 0x10000:
            cp -= 0x10000
            out += [0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)]
        else:
            out.append(cp)
    return out


def send_corpus() -> list[tuple[int, str | None, str, list[int] | None, str]]:
    """(id, JS source of the code or None to omit it, the code as the model reads it, reason
    UTF-16 units or None to omit it, note) for the page → wire sweep. The model reads the code
    as WebIDL sees it after ToNumber: a decimal, "inf", "-inf", "NaN", or "undefined"."""
    cases: list[tuple[int, str | None, str, list[int] | None, str]] = [
        (code, str(code), str(code), None, f"close({code})") for code in range(CODES)
    ]
    a = "a"
    extras: list[tuple[str | None, str, list[int] | None]] = [
        ("999.6", "999.6", None),
        ("999.5", "999.5", None),
        ("999.4", "999.4", None),
        ("1000.4", "1000.4", None),
        ("1000.5", "1000.5", None),
        ("1000.6", "1000.6", None),
        ("2999.5", "2999.5", None),
        ("2999.6", "2999.6", None),
        ("3000.5", "3000.5", None),
        ("4999.4", "4999.4", None),
        ("4999.6", "4999.6", None),
        ("-0", "-0", None),
        ("-1", "-1", None),
        ("-64536", "-64536", None),
        ("NaN", "NaN", None),
        ("Infinity", "inf", None),
        ("-Infinity", "-inf", None),
        ("65536 + 1000", "66536", None),
        ("65536 + 3000", "68536", None),
        ("2 ** 32 + 1000", "4294968296", None),
        ("1e300", "1e300", None),
        ('"1000"', "1000", None),
        ('"4000.7"', "4000.7", None),
        ("null", "0", None),
        ("true", "1", None),
        ("undefined", "undefined", None),
        ("undefined", "undefined", units("bye")),
        ("undefined", "undefined", []),
        (None, "undefined", None),
        ("1000", "1000", []),
        ("1000", "1000", units("bye")),
        ("4000", "4000", units(a * 123)),
        ("4000", "4000", units(a * 124)),
        ("1000", "1000", units("é" * 61 + "a")),
        ("1000", "1000", units("é" * 62)),
        ("3000", "3000", units("€" * 41)),
        ("3000", "3000", units("€" * 41 + "a")),
        ("3000", "3000", units("😀" * 30 + "abc")),
        ("3000", "3000", units("😀" * 31)),
        ("4000", "4000", [0xD800]),
        ("4000", "4000", [0xDC00, 0x61]),
        ("4000", "4000", [0x61, 0xD83D]),
        ("4000", "4000", [0xDE00, 0xD83D]),
        ("4000", "4000", [0xD800] * 41),
        ("4000", "4000", [0xD800] * 41 + [0x61]),
        ("4000", "4000", [0xDFFF] * 40 + units("ab")),
        ("4000", "4000", [0]),
        ("4000", "4000", units("a\0b")),
        ("1001", "1001", units("bye")),
        ("1005", "1005", None),
        ("5000", "5000", units(a * 200)),
        ("999.6", "999.6", units(a * 124)),
    ]
    return cases + [
        (CODES + i, src, num, reason, f"close({src}, {reason!r})")
        for i, (src, num, reason) in enumerate(extras)
    ]


def write_corpus(path: Path) -> None:
    """The corpus in the form the model reads: one case a line, tab-separated.

    recv <id> <payload hex | drop>
    send <id> <code: decimal | inf | -inf | NaN | undefined> <reason: UTF-16 units as 4-digit hex, or '-' when absent>
    """
    lines = []
    for cid, payload, _ in recv_corpus():
        lines.append(f"recv\t{cid}\t{'drop' if payload is None else payload.hex()}")
    for cid, _, num, reason, _ in send_corpus():
        text = "-" if reason is None else "".join(f"{u:04x}" for u in reason)
        lines.append(f"send\t{cid}\t{num}\t{text}")
    path.write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------


def close_frame(payload: bytes) -> bytes:
    """An unmasked FIN Close frame carrying exactly `payload` (even when it is too long for a
    control frame: then the 16-bit extended length is used, as for a data frame)."""
    n = len(payload)
    if n <= 125:
        return bytes([0x88, n]) + payload
    return bytes([0x88, 126]) + struct.pack("!H", n) + payload


async def read_frame(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """One frame from the browser (masked, as clients must). Raises IncompleteReadError on EOF."""
    b0, b1 = await reader.readexactly(2)
    n = b1 & 0x7F
    if n == 126:
        (n,) = struct.unpack("!H", await reader.readexactly(2))
    elif n == 127:
        (n,) = struct.unpack("!Q", await reader.readexactly(8))
    mask = await reader.readexactly(4) if b1 & 0x80 else b"\0\0\0\0"
    data = await reader.readexactly(n)
    return b0 & 0x0F, bytes(c ^ mask[i % 4] for i, c in enumerate(data))


@dataclass
class Run:
    """Everything one browser run records."""

    recv: dict[int, bytes | None]
    plan: bytes
    replies: dict[int, str] = field(default_factory=dict)  # recv id -> browser's answer
    received: dict[int, list[str]] = field(default_factory=dict)  # send conn -> Close payloads
    page_recv: list[list] = field(default_factory=list)
    page_send: list[list] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    user_agent: str = ""
    hello: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    fatal: str = ""


class Server:
    def __init__(self, run: Run) -> None:
        self.run = run
        self.port = 0
        self.servers: list[asyncio.base_events.Server] = []

    async def start(self) -> None:
        first = await asyncio.start_server(self.handle, HOSTS[0], 0, backlog=1024)
        self.port = first.sockets[0].getsockname()[1]
        self.servers = [first]
        for host in HOSTS[1:]:
            self.servers.append(await asyncio.start_server(self.handle, host, self.port, backlog=1024))

    async def stop(self) -> None:
        for s in self.servers:
            s.close()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = head.decode("latin-1").split("\r\n")
            method, target, _ = request_line.split(" ", 2)
            headers = {}
            for line in header_lines:
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()
            if headers.get("upgrade", "").lower() == "websocket":
                await self.websocket(target, headers, reader, writer)
            else:
                body = b""
                if "content-length" in headers:
                    body = await reader.readexactly(int(headers["content-length"]))
                await self.http(method, target, body, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def http(self, method: str, target: str, body: bytes, writer: asyncio.StreamWriter) -> None:
        run = self.run
        status, ctype, out = "200 OK", "text/plain", b"ok"
        if method == "GET" and target in ("/", "/page.html"):
            ctype, out = "text/html; charset=utf-8", (HERE / "page.html").read_bytes()
        elif method == "GET" and target == "/page.js":
            ctype, out = "text/javascript; charset=utf-8", (HERE / "page.js").read_bytes()
        elif method == "GET" and target == "/plan.json":
            ctype, out = "application/json", run.plan
        elif method == "POST" and target == "/hello":
            run.user_agent = json.loads(body)["userAgent"]
            run.hello.set()
        elif method == "POST" and target == "/results/recv":
            run.page_recv += json.loads(body)
        elif method == "POST" and target == "/results/send":
            run.page_send += json.loads(body)
        elif method == "POST" and target == "/stage":
            msg = json.loads(body)
            run.stages[msg["sweep"]] = msg["seconds"]
        elif method == "POST" and target == "/done":
            run.done.set()
        elif method == "POST" and target == "/fatal":
            run.fatal = json.loads(body)["error"]
            run.done.set()
        else:
            status, out = "404 Not Found", b"not found"
        writer.write(
            f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(out)}\r\n"
            "Cache-Control: no-store\r\nConnection: close\r\n\r\n".encode() + out
        )
        await writer.drain()

    async def websocket(self, target: str, headers: dict, reader, writer) -> None:
        key = headers["sec-websocket-key"].encode()
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
        writer.write(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
        )
        _, kind, n = target.split("/")
        n = int(n)
        if kind == "r":
            payload = self.run.recv[n]
            if payload is None:  # drop TCP without a Close frame
                await writer.drain()
                self.run.replies[n] = "-"
                return
            writer.write(close_frame(payload))
            await writer.drain()
            self.run.replies[n] = await self.reply(reader)
        elif kind == "s":
            await writer.drain()
            got = self.run.received.setdefault(n, [])
            while True:  # until the page's Close or EOF; answer a Close with an echo
                try:
                    op, data = await read_frame(reader)
                except asyncio.IncompleteReadError:
                    got.append("eof")
                    return
                if op == 8:
                    got.append(data.hex())
                    writer.write(close_frame(data[:2]))
                    await writer.drain()
                    return

    async def reply(self, reader: asyncio.StreamReader) -> str:
        """The browser's answer to our Close: 'close:<payload hex>', 'none' when it closed TCP
        without a Close frame, 'timeout' when it did neither."""
        try:
            async with asyncio.timeout(REPLY_TIMEOUT):
                while True:
                    op, data = await read_frame(reader)
                    if op == 8:
                        return "close:" + data.hex()
        except asyncio.IncompleteReadError:
            return "none"
        except (TimeoutError, ConnectionError):
            return "timeout"


# ---------------------------------------------------------------------------------------------
# Browsers
# ---------------------------------------------------------------------------------------------

FIREFOX_PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.auto": False,
    "app.update.enabled": False,
    "extensions.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.newtabpage.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
}


def browser_command(name: str, url: str, tmp: Path) -> list[str]:
    exe = {"chromium": "chromium", "firefox": "firefox-esr"}[name]
    path = shutil.which(exe)
    if path is None:
        raise SystemExit(
            f"e2e: `{exe}` is not installed; run scripts/setup.d/80-browsers.sh (or `make deps`)"
        )
    if name == "chromium":
        return [
            path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--disable-renderer-backgrounding",
            "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
            f"--user-data-dir={tmp}", url,
        ]  # fmt: skip
    (tmp / "user.js").write_text(
        "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items())
    )
    return [path, "--headless", "--no-remote", "--profile", str(tmp), url]


def browser_version(name: str) -> str:
    exe = {"chromium": "chromium", "firefox": "firefox-esr"}[name]
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else "?"


async def run_browser(name: str, out_dir: Path) -> tuple[Run, dict[str, float]]:
    recv = {cid: payload for cid, payload, _ in recv_corpus()}
    send = [[cid, src, reason] for cid, src, _, reason, _ in send_corpus()]
    run = Run(recv=recv, plan=b"")
    server = Server(run)
    await server.start()
    run.plan = json.dumps(
        {
            "port": server.port,
            "hosts": HOSTS,
            "window": WINDOW,
            "sweeps": ["recv", "send"],
            "recv": sorted(recv),
            "send": send,
        }
    ).encode()
    url = f"http://{HOSTS[0]}:{server.port}/page.html"
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix=f"wsclose-e2e-{name}-") as tmp:
        cmd = browser_command(name, url, Path(tmp))
        log = open(out_dir / f"{name}.log", "wb")
        t0 = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            *cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
        )
        try:
            try:
                await asyncio.wait_for(run.hello.wait(), 30)
            except TimeoutError:
                raise SystemExit(
                    f"e2e: {name} did not load the page within 30 s (exit status "
                    f"{proc.returncode}); see {out_dir / (name + '.log')}"
                ) from None
            timings["start"] = time.monotonic() - t0
            await watch(name, run, t0)
        finally:
            if proc.returncode is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            await proc.wait()
            log.close()
            await server.stop()
    if run.fatal:
        raise SystemExit(f"e2e: the page failed in {name}: {run.fatal}")
    timings.update(run.stages)
    return run, timings


async def watch(name: str, run: Run, t0: float) -> None:
    """Waits for the page's POST /done; fails when the browser stalls or takes too long."""
    progress, since = -1, time.monotonic()
    last_report = since
    while not run.done.is_set():
        try:
            await asyncio.wait_for(run.done.wait(), 5)
        except TimeoutError:
            pass
        now = time.monotonic()
        seen = len(run.replies) + len(run.received) + len(run.page_recv) + len(run.page_send)
        if seen != progress:
            progress, since = seen, now
        where = f"{len(run.page_recv)} recv and {len(run.page_send)} send rows reported"
        if now - last_report >= 30:
            print(f"e2e: {name}: {now - t0:.0f} s, {len(run.replies)} server closes sent, {where}")
            last_report = now
        if now - since > STALL_TIMEOUT:
            raise SystemExit(f"e2e: {name} stalled: no progress for {STALL_TIMEOUT:.0f} s ({where})")
        if now - t0 > BROWSER_TIMEOUT:
            raise SystemExit(f"e2e: {name} took over {BROWSER_TIMEOUT:.0f} s ({where})")


async def run_all(browsers: list[str], out_dir: Path) -> dict[str, tuple[Run, dict[str, float]]]:
    async def one(name: str) -> tuple[Run, dict[str, float]]:
        t0 = time.monotonic()
        run, timings = await run_browser(name, out_dir)
        timings["total"] = time.monotonic() - t0
        return run, timings

    done = await asyncio.gather(*(one(name) for name in browsers))
    return dict(zip(browsers, done))


def observed_rows(run: Run) -> list[str]:
    """The browser's answers in the model's TSV form (see core/examples/browser_model.rs)."""
    rows = []
    for cid, code, reason_hex, clean, error, _opened in sorted(run.page_recv):
        reply = run.replies.get(cid, "missing")
        rows.append(f"recv\t{cid}\t{code}\t{reason_hex}\t{clean}\t{error}\t{reply}")
    for cid, what, name, conn, state in sorted(run.page_send):
        got = run.received.get(conn, [])
        if what == "throw":
            result = f"throw:{name}" if state == 1 else f"throw:{name}:readyState={state}"
        elif state != 3:
            result = "no-close-event:" + ",".join(got)
        else:
            result = "sent:" + got[0] if len(got) == 1 else "sent?" + ",".join(got)
        rows.append(f"send\t{cid}\t{result}")
    return rows


def compare(name: str, observed: list[str], model: list[str], notes: dict[str, str]) -> int:
    want = {tuple(r.split("\t")[:2]): r for r in model}
    got = {tuple(r.split("\t")[:2]): r for r in observed}
    diffs = []
    for key in sorted(set(want) | set(got), key=lambda k: (k[0], int(k[1]))):
        if want.get(key) != got.get(key):
            diffs.append((key, want.get(key), got.get(key)))
    if diffs:
        print(f"e2e: {name}: {len(diffs)} case(s) differ from the model; the first ones:")
        for key, w, g in diffs[:8]:
            print(f"  {key[0]} {key[1]} ({notes.get(key[1] + key[0], '')})")
            print(f"    model:    {w}")
            print(f"    {name:9} {g}")
    return len(diffs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--browser", action="append", choices=["chromium", "firefox"])
    ap.add_argument("--model", help="command printing the model's answers for the corpus on stdin")
    ap.add_argument("--out", default=str(HERE.parent.parent / "target" / "e2e"))
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress lines show up under make, too
    browsers = args.browser or ["chromium", "firefox"]
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = out_dir / "corpus.tsv"
    write_corpus(corpus)
    notes = {f"{cid}recv": note for cid, _, note in recv_corpus()}
    notes.update({f"{cid}send": note for cid, *_, note in send_corpus()})

    model: list[str] | None = None
    if args.model:
        t0 = time.monotonic()
        out = subprocess.run(args.model, shell=True, stdin=corpus.open("rb"), capture_output=True, check=True)
        model = out.stdout.decode().splitlines()
        print(f"e2e: model answered {len(model)} cases in {time.monotonic() - t0:.1f} s")

    failures = 0
    t_all = time.monotonic()
    versions = {name: browser_version(name) for name in browsers}
    # The browsers run side by side, each with its own server: a sweep is bound by each browser's
    # per-connection latency more than by CPU, so this nearly halves the wall time.
    results = asyncio.run(run_all(browsers, out_dir))
    for name in browsers:
        run, timings = results[name]
        rows = observed_rows(run)
        (out_dir / f"{name}.tsv").write_text(f"# {versions[name]}\n# {run.user_agent}\n" + "\n".join(rows) + "\n")
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        print(f"e2e: {versions[name]}: {len(run.page_recv)} recv + {len(run.page_send)} send cases ({stages})")
        if model is not None:
            model_for = [r.split("\t", 1)[1] for r in model if r.startswith(name + "\t")]
            diffs = compare(name, rows, model_for, notes)
            if not diffs:
                print(f"e2e: {name}: all {len(rows)} cases match the model")
            failures += diffs
    print(f"e2e: {len(browsers)} browser(s) in {time.monotonic() - t_all:.1f} s; results in {out_dir}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
