#!/usr/bin/env python3
"""What a page sees when a WebSocket closes, measured in real browsers.

A loopback HTTP + raw WebSocket server (asyncio protocols, standard library only) serves the
pages, then for every case of the corpus either sends a Close frame made of arbitrary bytes
(malformed ones included), closes TCP (FIN) or resets it (RST), and records what the browser
answers. Browsers are
Debian's `chromium` and `firefox-esr`, started headless as plain subprocesses on the top page;
each browser runs in its own harness process (its own server and event loop), side by side.

The top page (main.js) opens `workers` cross-site iframes (worker.html + page.js), each in its
own renderer process, and each sweeps its share of the corpus with `window` WebSockets in flight
and POSTs what it observed. Meanwhile the top page loads the WebAssembly module
(the npm package `wsclose`, bindings/js/dist), checks the shared vectors with it, answers the differential's
`code`, `parse` and `explain` sections (written to DIFF_DIR/wasm-<browser>.txt for the xtask
checker) and reproduces every cause `explain` names (a dropped or reset connection, an idle proxy, a
malformed Close, an untrusted TLS certificate, a refused upgrade, ...), checking that
`explain(code, wasClean)` lists the cause for the CloseEvent the page got.

    python3 tests/e2e/harness.py [--browser chromium|firefox] [--model CMD] [--checker CMD]
                                 [--out DIR] [--diff-dir DIR]

Environment: E2E_WORKERS (iframes per page, default 8), E2E_WINDOW (sockets in flight per
iframe, default 6), E2E_BROWSER_TIMEOUT (seconds one browser may take, default 600),
E2E_PROFILE_CODES (profiling only: sweep just the first N codes; the run then always fails).

Without --model it only measures and writes DIR/<browser>.tsv. With --model CMD it feeds the
corpus (corpus.tsv) to CMD's stdin, reads the model's answers in the same TSV form from its
stdout and fails on the first differences. With --checker CMD it runs
`CMD DIFF_DIR wasm-<browser> --sections code,parse,explain` on the page's differential answers.
Exit status: 0 when every browser matched.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import concurrent.futures
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 §1.3
# The top page's address. Every iframe ("worker") w gets its own site, 127.0.<w+1>.1, so that it
# runs in its own renderer process, and its own 16 loopback addresses for its WebSockets
# (Linux routes all of 127/8 to lo): browsers open WebSockets to one address one at a time
# (RFC 6455 §4.1), so one address would be a queue.
TOP_HOST = "127.0.0.1"
HOSTS_PER_WORKER = 16
WORKERS = int(os.environ.get("E2E_WORKERS", "8"))
# WebSockets in flight per iframe. Chromium delays each new connection by 1-5 s x 2^pending / 65536
# (services/network/websocket_throttler.cc, WebSocketPerProcessThrottler::CalculateDelay) per
# renderer process, so a dozen pending handshakes in one page already cost ~0.1-0.3 s each;
# 6 keeps the delay around 1 ms, and more iframes (processes) add throughput instead.
WINDOW = int(os.environ.get("E2E_WINDOW", "6"))
REPLY_TIMEOUT = 5.0  # seconds the server waits for the browser's Close reply
STALL_TIMEOUT = 60.0  # seconds without any progress before a browser counts as hung
BROWSER_TIMEOUT = float(os.environ.get("E2E_BROWSER_TIMEOUT", "600"))  # seconds one browser may take for all sweeps
IDLE_MS = 300  # the idle proxy closes a connection after this long without a byte either way


def worker_hosts(w: int) -> list[str]:
    return [f"127.0.{w + 1}.{n}" for n in range(1, HOSTS_PER_WORKER + 1)]


# ---------------------------------------------------------------------------------------------
# The corpus. Both the browsers and the model are asked about exactly these cases.
# ---------------------------------------------------------------------------------------------

CODES = 65536
# Profiling only: sweep the first N codes (the run then fails, so it cannot pass for a full one).
PROFILE_CODES = int(os.environ.get("E2E_PROFILE_CODES", "0"))
SWEPT = PROFILE_CODES or CODES


# A recv case that sends no Close frame: the server closes TCP in order (FIN) or resets it (RST:
# SO_LINGER on with a zero timeout, then close). The strings are the corpus tokens the model reads.
DROP = "drop"
RESET = "reset"


def recv_corpus() -> list[tuple[int, bytes | str, str]]:
    """(id, Close payload the server sends, or DROP / RESET to end TCP without one, note) for the
    server → page sweep."""
    cases: list[tuple[int, bytes | str, str]] = [
        (code, struct.pack("!H", code), f"code {code}") for code in range(SWEPT)
    ]
    c1000 = struct.pack("!H", 1000)
    extras: list[tuple[bytes | str, str]] = [
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
        (DROP, "TCP closed (FIN) without Close"),
        (RESET, "TCP reset (RST) without Close"),
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
        (code, str(code), str(code), None, f"close({code})") for code in range(SWEPT)
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

    recv <id> <payload hex | drop | reset>
    send <id> <code: decimal | inf | -inf | NaN | undefined> <reason: UTF-16 units as 4-digit hex, or '-' when absent>
    """
    lines = []
    for cid, payload, _ in recv_corpus():
        lines.append(f"recv\t{cid}\t{payload if isinstance(payload, str) else payload.hex()}")
    for cid, _, num, reason, _ in send_corpus():
        text = "-" if reason is None else "".join(f"{u:04x}" for u in reason)
        lines.append(f"send\t{cid}\t{num}\t{text}")
    path.write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# The server: asyncio protocols (no stream objects or task per connection), since each browser
# opens about 70,000 WebSockets and the server shares the 2 cores with it.
# ---------------------------------------------------------------------------------------------


def close_frame(payload: bytes) -> bytes:
    """An unmasked FIN Close frame carrying exactly `payload` (even when it is too long for a
    control frame: then the 16-bit extended length is used, as for a data frame)."""
    n = len(payload)
    if n <= 125:
        return bytes([0x88, n]) + payload
    return bytes([0x88, 126]) + struct.pack("!H", n) + payload


def take_frame(buf: bytearray) -> tuple[int, bytes] | None:
    """The first complete frame in `buf` (masked, as clients must), removed from it; None if
    `buf` does not hold a whole frame yet."""
    if len(buf) < 2:
        return None
    b1 = buf[1]
    n, at = b1 & 0x7F, 2
    if n == 126:
        if len(buf) < 4:
            return None
        (n,) = struct.unpack_from("!H", buf, 2)
        at = 4
    elif n == 127:
        if len(buf) < 10:
            return None
        (n,) = struct.unpack_from("!Q", buf, 2)
        at = 10
    masked = b1 & 0x80
    end = at + (4 if masked else 0) + n
    if len(buf) < end:
        return None
    op = buf[0] & 0x0F
    data = bytes(buf[end - n : end])
    if masked:
        mask = (bytes(buf[at : at + 4]) * (n // 4 + 1))[:n]
        data = (int.from_bytes(data, "big") ^ int.from_bytes(mask, "big")).to_bytes(n, "big")
    del buf[:end]
    return op, data


@dataclass
class Run:
    """Everything one browser run records."""

    name: str
    recv: dict[int, bytes | str]
    plans: dict[str, bytes] = field(default_factory=dict)  # "top" or worker number -> plan JSON
    replies: dict[int, str] = field(default_factory=dict)  # recv id -> browser's answer
    received: dict[int, list[str]] = field(default_factory=dict)  # send conn -> Close payloads
    page_recv: list[list] = field(default_factory=list)
    page_send: list[list] = field(default_factory=list)
    checks: dict = field(default_factory=dict)  # worker -> {"checked": n, "mismatches": [...]}
    explained: list[dict] = field(default_factory=list)  # the explain scenarios' results
    wasm: dict = field(default_factory=dict)  # the top page's WebAssembly report
    wasm_answers: bytes = b""
    stages: dict[str, float] = field(default_factory=dict)
    user_agent: str = ""
    dones: set = field(default_factory=set)  # "top" and worker numbers that posted /done
    hello: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    fatal: str = ""
    tls: list[str] = field(default_factory=list)  # what each TLS handshake attempt ended with
    idle_closed: int = 0  # connections the idle proxy closed

    def mark_done(self, who: str) -> None:
        self.dones.add(who)
        if len(self.dones) == WORKERS + 1:
            self.done.set()


HEAD, BODY, FRAMES, CLOSED = range(4)
STATIC = {
    "/": (HERE / "page.html", "text/html; charset=utf-8"),
    "/page.html": (HERE / "page.html", "text/html; charset=utf-8"),
    "/main.js": (HERE / "main.js", "text/javascript; charset=utf-8"),
    "/worker.html": (HERE / "worker.html", "text/html; charset=utf-8"),
    "/page.js": (HERE / "page.js", "text/javascript; charset=utf-8"),
    "/vectors/codes.tsv": (ROOT / "tests/vectors/codes.tsv", "text/plain; charset=utf-8"),
    "/vectors/parse.tsv": (ROOT / "tests/vectors/parse.tsv", "text/plain; charset=utf-8"),
    "/vectors/encode.tsv": (ROOT / "tests/vectors/encode.tsv", "text/plain; charset=utf-8"),
    "/differential/parse.txt": (ROOT / "tests/differential/parse.txt", "text/plain; charset=utf-8"),
}

# The npm package `wsclose` as `make js-build` leaves it (bindings/js/dist): its ES modules and
# wsclose.wasm next to them, served under /wsclose/ so that the page imports /wsclose/index.js.
PACKAGE_DIST = ROOT / "bindings/js/dist"
for _file in sorted(PACKAGE_DIST.glob("*.js")):
    STATIC[f"/wsclose/{_file.name}"] = (_file, "text/javascript; charset=utf-8")
STATIC["/wsclose/wsclose.wasm"] = (PACKAGE_DIST / "wsclose.wasm", "application/wasm")


class Conn(asyncio.Protocol):
    """One TCP connection: an HTTP request (page, plan, results) or a WebSocket case.

    WebSocket paths: /r/<id> (server -> page case `id`), /s/<conn> (the page's close() calls),
    /x/<scenario> (explain scenarios: drop, idle, reject, close/<payload hex>)."""

    def __init__(self, server: "Server") -> None:
        self.server = server
        self.buf = bytearray()
        self.state = HEAD
        self.transport: asyncio.Transport | None = None
        self.on_frame = None  # called with the browser's Close payload
        self.on_eof = None  # called when TCP ends before a Close came
        self.timer: asyncio.TimerHandle | None = None
        self.need = 0
        self.request: tuple[str, str] = ("", "")

    def connection_made(self, transport) -> None:
        self.transport = transport

    def finish(self) -> None:
        self.state = CLOSED
        if self.timer is not None:
            self.timer.cancel()
        self.transport.close()

    def reset(self) -> None:
        """Ends the connection with an RST instead of a FIN: SO_LINGER on with a zero timeout makes
        close() reset it. The transport closes the socket once what was written has reached the
        kernel; the peer can still read that data before it sees the reset."""
        sock = self.transport.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.finish()

    def connection_lost(self, exc) -> None:
        if self.state == FRAMES and self.on_eof is not None:
            self.state = CLOSED
            if self.timer is not None:
                self.timer.cancel()
            self.on_eof()

    def data_received(self, data: bytes) -> None:
        self.buf += data
        if self.state == HEAD:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buf[:end].decode("latin-1")
            del self.buf[: end + 4]
            request_line, *header_lines = head.split("\r\n")
            method, target, _ = request_line.split(" ", 2)
            headers = {}
            for line in header_lines:
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
            if headers.get("upgrade", "").lower() == "websocket":
                self.state = FRAMES
                self.server.websocket(self, target, headers)
                return
            self.request = (method, target)
            self.need = int(headers.get("content-length", "0"))
            self.state = BODY
        if self.state == BODY:
            if len(self.buf) >= self.need:
                body = bytes(self.buf[: self.need])
                self.state = CLOSED
                self.server.http(self, *self.request, body)
        elif self.state == FRAMES:
            while (frame := take_frame(self.buf)) is not None:
                op, payload = frame
                if op == 8 and self.on_frame is not None:
                    self.state = CLOSED
                    if self.timer is not None:
                        self.timer.cancel()
                    self.on_frame(payload)
                    return


class Server:
    def __init__(self, run: Run) -> None:
        self.run = run
        self.port = 0
        self.servers: list[asyncio.base_events.Server] = []

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        first = await loop.create_server(lambda: Conn(self), TOP_HOST, 0, backlog=1024)
        self.port = first.sockets[0].getsockname()[1]
        self.servers = [first]
        for w in range(WORKERS):
            for host in worker_hosts(w):
                self.servers.append(await loop.create_server(lambda: Conn(self), host, self.port, backlog=1024))

    async def stop(self) -> None:
        for s in self.servers:
            s.close()

    def http(self, conn: Conn, method: str, target: str, body: bytes) -> None:
        run = self.run
        path, _, query = target.partition("?")
        args = dict(urllib.parse.parse_qsl(query))
        status, ctype, out = "200 OK", "text/plain", b"ok"
        if method == "GET" and path in STATIC:
            file, ctype = STATIC[path]
            out = file.read_bytes()
        elif method == "GET" and path == "/plan.json":
            ctype, out = "application/json", run.plans[args.get("w", "top")]
        elif method == "POST" and path == "/hello":
            run.user_agent = json.loads(body)["userAgent"]
            run.hello.set()
        elif method == "POST" and path == "/results/recv":
            run.page_recv += json.loads(body)
        elif method == "POST" and path == "/results/send":
            run.page_send += json.loads(body)
        elif method == "POST" and path == "/checks":
            run.checks[args["w"]] = json.loads(body)
        elif method == "POST" and path == "/explain":
            run.explained = json.loads(body)
        elif method == "POST" and path == "/wasm":
            run.wasm = json.loads(body)
        elif method == "POST" and path == "/wasm/answers":
            run.wasm_answers = body
        elif method == "POST" and path == "/stage":
            msg = json.loads(body)
            run.stages[msg["stage"]] = max(run.stages.get(msg["stage"], 0.0), msg["seconds"])
        elif method == "POST" and path == "/done":
            run.mark_done(args.get("w", "top"))
        elif method == "POST" and path == "/fatal":
            run.fatal += f"[{args.get('w', 'top')}] " + json.loads(body)["error"] + "\n"
            run.done.set()
        else:
            status, out = "404 Not Found", b"not found"
        conn.transport.write(
            f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(out)}\r\n"
            "Cache-Control: no-store\r\nConnection: close\r\n\r\n".encode() + out
        )
        conn.transport.close()

    def websocket(self, conn: Conn, target: str, headers: dict) -> None:
        run = self.run
        _, kind, arg = target.split("/", 2)
        if kind == "x" and arg == "reject":  # HANDSHAKE_REJECTED: refuse the upgrade
            conn.transport.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            conn.finish()
            return
        key = headers["sec-websocket-key"].encode()
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        ok = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
        if kind == "r":
            n = int(arg)
            payload = run.recv[n]
            if isinstance(payload, str):  # end TCP without a Close frame: FIN or RST
                conn.transport.write(ok)
                run.replies[n] = "-"
                if payload == RESET:
                    conn.reset()
                else:
                    conn.finish()
                return
            conn.transport.write(ok + close_frame(payload))
            self.await_reply(conn, lambda answer: run.replies.__setitem__(n, answer))
        elif kind == "s":
            n = int(arg)
            got = run.received.setdefault(n, [])
            conn.transport.write(ok)

            def on_frame(data: bytes) -> None:  # answer the page's Close with an echo
                got.append(data.hex())
                conn.transport.write(close_frame(data[:2]))
                conn.finish()

            conn.on_frame = on_frame
            conn.on_eof = lambda: got.append("eof")
        elif kind == "x" and arg == "drop":  # CONNECTION_DROPPED: TCP ends after the handshake
            conn.transport.write(ok)
            conn.finish()
        elif kind == "x" and arg == "reset":  # CONNECTION_DROPPED too: TCP reset after the handshake
            conn.transport.write(ok)
            conn.reset()
        elif kind == "x" and arg == "idle":  # IDLE_TIMEOUT: open, then silence (the proxy cuts it)
            conn.transport.write(ok)
            conn.on_frame = lambda data: (conn.transport.write(close_frame(data[:2])), conn.finish())
            conn.on_eof = lambda: None
        elif kind == "x" and arg.startswith("close/"):  # a Close frame with this payload
            payload = bytes.fromhex(arg[len("close/") :])
            conn.transport.write(ok + close_frame(payload))
            self.await_reply(conn, lambda answer: None)
        else:
            conn.finish()

    def await_reply(self, conn: Conn, record) -> None:
        """Records the browser's answer to our Close: 'close:<payload hex>', 'none' when it
        closed TCP without a Close frame, 'timeout' when it did neither."""

        def on_frame(data: bytes) -> None:
            record("close:" + data.hex())
            conn.finish()

        def on_timeout() -> None:
            conn.timer = None
            record("timeout")
            conn.finish()

        conn.on_frame = on_frame
        conn.on_eof = lambda: record("none")
        conn.timer = asyncio.get_running_loop().call_later(REPLY_TIMEOUT, on_timeout)


class IdleProxy:
    """A loopback TCP proxy in front of the server that, like a load balancer, closes a
    connection after IDLE_MS without a byte in either direction (and sends no Close frame)."""

    def __init__(self, run: Run, upstream: tuple[str, int]) -> None:
        self.run = run
        self.upstream = upstream
        self.port = 0
        self.server: asyncio.base_events.Server | None = None

    async def start(self) -> None:
        self.server = await asyncio.start_server(self.handle, TOP_HOST, 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        loop = asyncio.get_running_loop()
        last = loop.time()

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            nonlocal last
            while data := await src.read(65536):
                last = loop.time()
                dst.write(data)
                await dst.drain()

        pumps = [asyncio.ensure_future(pump(reader, up_writer)), asyncio.ensure_future(pump(up_reader, writer))]
        try:
            while loop.time() - last < IDLE_MS / 1000:
                if all(p.done() for p in pumps):
                    return  # both ends closed by themselves: not an idle timeout
                await asyncio.sleep(0.02)
            self.run.idle_closed += 1
        finally:
            for p in pumps:
                p.cancel()
            writer.close()
            up_writer.close()

    async def stop(self) -> None:
        self.server.close()


class TlsListener:
    """A `wss://` endpoint whose certificate (self-signed, made by the openssl CLI for this run)
    no browser trusts: the TLS handshake fails before the WebSocket opens."""

    def __init__(self, run: Run, tmp: Path) -> None:
        self.run = run
        self.tmp = tmp
        self.port = 0
        self.server: asyncio.base_events.Server | None = None
        self.context: ssl.SSLContext | None = None

    async def start(self) -> None:
        key, cert = self.tmp / "key.pem", self.tmp / "cert.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=wsclose e2e",
             "-addext", f"subjectAltName=IP:{TOP_HOST}"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.server = await asyncio.start_server(self.handle, TOP_HOST, 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(10):
                await writer.start_tls(self.context)
            self.run.tls.append("handshake completed")
        except (ssl.SSLError, ConnectionError, OSError, TimeoutError) as e:
            self.run.tls.append(f"failed: {type(e).__name__} {e}")
        finally:
            writer.close()

    async def stop(self) -> None:
        self.server.close()


# ---------------------------------------------------------------------------------------------
# The explain scenarios: for each cause `explain` names, a way to make a page see it.
# ---------------------------------------------------------------------------------------------


def explain_scenarios(name: str, port: int, proxy_port: int, tls_port: int) -> list[dict]:
    """[{name, url, cause}]: the page opens `url` and `explain(code, wasClean)` of its CloseEvent
    must list `cause`. What a browser shows for some payloads differs (docs/browser.md):
    Chromium fails the connection for 1005/1006/1015 and a 1-byte payload (a malformed Close to
    it), Firefox delivers them (a local-only code sent; a 1-byte payload as 1005)."""
    ws = f"ws://{TOP_HOST}:{port}/x"
    local_only = "MALFORMED_CLOSE" if name == "chromium" else "LOCAL_ONLY_CODE_SENT"
    cases = [
        ("server drops TCP after the handshake", f"{ws}/drop", "CONNECTION_DROPPED"),
        ("server resets TCP after the handshake", f"{ws}/reset", "CONNECTION_DROPPED"),
        (f"idle proxy closes after {IDLE_MS} ms", f"ws://{TOP_HOST}:{proxy_port}/x/idle", "IDLE_TIMEOUT"),
        ("Close with a 1-byte payload", f"{ws}/close/03", "MALFORMED_CLOSE"),
        ("Close with a reason that is not UTF-8", f"{ws}/close/03e8ff", "MALFORMED_CLOSE"),
        ("Close with a 126-byte payload", f"{ws}/close/03e8{'61' * 124}", "MALFORMED_CLOSE"),
        ("wss:// with an untrusted certificate", f"wss://{TOP_HOST}:{tls_port}/x/tls", "TLS_HANDSHAKE"),
        ("upgrade answered with HTTP 403", f"{ws}/reject", "HANDSHAKE_REJECTED"),
        ("server sends 1006", f"{ws}/close/03ee", local_only),
        ("server sends 1005", f"{ws}/close/03ed", local_only),
        ("server sends 1015", f"{ws}/close/03f7", local_only),
        ("empty Close", f"{ws}/close/", "NO_STATUS_CODE"),
        ("server sends 1004", f"{ws}/close/03ec", "INVALID_CODE_SENT"),
        ("server sends 5000", f"{ws}/close/1388", "INVALID_CODE_SENT"),
        ("server sends 4000", f"{ws}/close/0fa0", "PEER_CLOSED"),
    ]
    return [{"name": n, "url": u, "cause": c} for n, u, c in cases]


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
        raise E2EError(f"e2e: `{exe}` is not installed; run `make setup-browsers`")
    if name == "chromium":
        return [
            path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio", "--disable-renderer-backgrounding",
            "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
            "--site-per-process", f"--user-data-dir={tmp}", url,
        ]  # fmt: skip
    (tmp / "user.js").write_text(
        "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items())
    )
    return [path, "--headless", "--no-remote", "--profile", str(tmp), url]


def browser_version(name: str) -> str:
    exe = {"chromium": "chromium", "firefox": "firefox-esr"}[name]
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else "?"


class E2EError(Exception):
    """A failure to report (the message says what and where) rather than a traceback."""


def send_plan_case(cid: int, src: str | None, reason: list[int] | None) -> list:
    """A page → wire case as the page reads it: [id, code (a number, or JS source), reason
    (UTF-16 units, {"a": n} for n letters a, or null), check]; `check` is [code, reason bytes]
    when the page must also compare close()'s outcome with the WebAssembly module's
    isBrowserCloseable (every integer code, without a reason and with 123 and 124 bytes)."""
    if cid < CODES and src is not None and src.isdigit() and reason is None:
        return [cid, int(src), None, [int(src), 0]]
    return [cid, src, reason, None]


def check_cases() -> list[list]:
    """close(code, "a" * 123) and close(code, "a" * 124) for every code: ids 2·65536 + code and
    3·65536 + code; checked by the page against the module, not by the model."""
    return [
        [base * CODES + code, code, {"a": n}, [code, n]]
        for base, n in ((2, 123), (3, 124))
        for code in range(SWEPT)
    ]


async def run_browser(name: str, out_dir: Path) -> dict:
    recv = {cid: payload for cid, payload, _ in recv_corpus()}
    send = [send_plan_case(cid, src, reason) for cid, src, _, reason, _ in send_corpus()] + check_cases()
    run = Run(name=name, recv=recv)
    server = Server(run)
    await server.start()
    proxy = IdleProxy(run, (TOP_HOST, server.port))
    await proxy.start()
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix=f"wsclose-e2e-{name}-") as tmp:
        tls = TlsListener(run, Path(tmp))
        await tls.start()
        recv_ids = sorted(recv)
        for w in range(WORKERS):
            run.plans[str(w)] = json.dumps(
                {
                    "worker": w,
                    "port": server.port,
                    "hosts": worker_hosts(w),
                    "window": WINDOW,
                    "recv": recv_ids[w::WORKERS],
                    "send": send[w::WORKERS],
                }
            ).encode()
        run.plans["top"] = json.dumps(
            {
                "workers": [f"http://127.0.{w + 1}.1:{server.port}/worker.html?w={w}" for w in range(WORKERS)],
                "explain": explain_scenarios(name, server.port, proxy.port, tls.port),
            }
        ).encode()
        url = f"http://{TOP_HOST}:{server.port}/page.html"
        profile = Path(tmp) / "profile"
        profile.mkdir()
        cmd = browser_command(name, url, profile)
        log = open(out_dir / f"{name}.log", "wb")
        t0 = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            *cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True
        )
        try:
            try:
                await asyncio.wait_for(run.hello.wait(), 30)
            except TimeoutError:
                raise E2EError(
                    f"e2e: {name} did not load the page within 30 s (exit status "
                    f"{proc.returncode}); see {out_dir / (name + '.log')}"
                ) from None
            timings["start"] = time.monotonic() - t0
            await watch(name, run, t0)
        finally:
            timings["browser cpu"] = session_cpu(proc.pid)
            timings["server cpu"] = time.process_time()
            if proc.returncode is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            await proc.wait()
            log.close()
            await server.stop()
            await proxy.stop()
            await tls.stop()
    if run.fatal:
        raise E2EError(f"e2e: the page failed in {name}:\n{run.fatal}")
    timings.update(run.stages)
    return {
        "replies": run.replies,
        "received": run.received,
        "page_recv": run.page_recv,
        "page_send": run.page_send,
        "checks": run.checks,
        "explained": run.explained,
        "wasm": run.wasm,
        "wasm_answers": run.wasm_answers,
        "user_agent": run.user_agent,
        "tls": run.tls,
        "idle_closed": run.idle_closed,
        "timings": timings,
    }


def session_cpu(sid: int) -> float:
    """CPU seconds (user + system) the live processes of session `sid` have used so far."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # field 6 of stat, the session id
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


async def watch(name: str, run: Run, t0: float) -> None:
    """Waits for every page's POST /done; fails when the browser stalls or takes too long."""
    progress, since = -1, time.monotonic()
    last_report = since
    while not run.done.is_set():
        try:
            await asyncio.wait_for(run.done.wait(), 5)
        except TimeoutError:
            pass
        now = time.monotonic()
        seen = len(run.replies) + len(run.received) + len(run.page_recv) + len(run.page_send) + len(run.dones)
        if seen != progress:
            progress, since = seen, now
        where = f"{len(run.page_recv)} recv and {len(run.page_send)} send rows reported, done: {sorted(run.dones)}"
        if now - last_report >= 30:
            print(f"e2e: {name}: {now - t0:.0f} s, {len(run.replies)} server closes sent, {where}")
            last_report = now
        if now - since > STALL_TIMEOUT:
            raise E2EError(f"e2e: {name} stalled: no progress for {STALL_TIMEOUT:.0f} s ({where})")
        if now - t0 > BROWSER_TIMEOUT:
            raise E2EError(f"e2e: {name} took over {BROWSER_TIMEOUT:.0f} s ({where})")


def browser_process(name: str, out_dir: Path) -> dict:
    """One browser's whole run, in its own process (its own event loop and core)."""
    sys.stdout.reconfigure(line_buffering=True)
    t0 = time.monotonic()
    result = asyncio.run(run_browser(name, out_dir))
    result["timings"]["total"] = time.monotonic() - t0
    return result


def observed_rows(result: dict) -> list[str]:
    """The browser's answers in the model's TSV form (see core/examples/browser_model.rs);
    the close-check cases (ids from 2·65536) are left to check_rows."""
    rows = []
    for cid, code, reason_hex, clean, error, _opened in sorted(result["page_recv"]):
        reply = result["replies"].get(cid, "missing")
        rows.append(f"recv\t{cid}\t{code}\t{reason_hex}\t{clean}\t{error}\t{reply}")
    for cid, what, name, conn, state in sorted(result["page_send"]):
        if cid >= 2 * CODES:
            continue
        got = result["received"].get(conn, [])
        if what == "throw":
            out = f"throw:{name}" if state == 1 else f"throw:{name}:readyState={state}"
        elif state != 3:
            out = "no-close-event:" + ",".join(got)
        else:
            out = "sent:" + got[0] if len(got) == 1 else "sent?" + ",".join(got)
        rows.append(f"send\t{cid}\t{out}")
    return rows


def check_rows(name: str, result: dict) -> list[str]:
    """Failures of the page's close() checks against the module's isBrowserCloseable: the page's
    own mismatches, a count short of 3 × 65,536, and a close(code, 123 bytes) that sent anything
    but that code and reason."""
    failures = []
    checked = sum(c["checked"] for c in result["checks"].values())
    if len(result["checks"]) != WORKERS or checked != 3 * SWEPT:
        failures.append(f"{checked} close() calls checked against isBrowserCloseable, expected {3 * SWEPT}")
    for c in result["checks"].values():
        failures += [f"close() disagrees with the module: {m}" for m in c["mismatches"]]
    for cid, what, _name, conn, state in result["page_send"]:
        if cid >= 2 * CODES and what == "sent":
            code, n = cid % CODES, 123 if cid < 3 * CODES else 124
            want = [struct.pack("!H", code).hex() + "61" * n]
            got = result["received"].get(conn, [])
            if state != 3 or got != want:
                failures.append(f'close({code}, "a" * {n}): the server received {got}, closed: {state == 3}')
    return failures


def explain_rows(name: str, result: dict) -> list[str]:
    """Failures of the explain scenarios, each with what the page saw and what explain said."""
    failures = []
    scenarios = result["explained"]
    if not scenarios:
        failures.append("no explain scenario reported")
    for s in scenarios:
        line = (
            f"{s['name']}: code {s['code']} wasClean {s['wasClean']} error {s['error']}"
            f" -> explain: {','.join(s['causes'])}"
        )
        if s["cause"] not in s["causes"]:
            failures.append(f"{line}; {s['cause']} is not listed")
        else:
            print(f"e2e: {name}: explain: {line} (lists {s['cause']})")
    if not any(t.startswith("failed") for t in result["tls"]) or "handshake completed" in result["tls"]:
        failures.append(f"the TLS listener saw no failed handshake: {result['tls']}")
    if result["idle_closed"] < 1:
        failures.append("the idle proxy closed no connection")
    return failures


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
    ap.add_argument("--checker", help="the differential checker command (xtask differential)")
    ap.add_argument("--out", default=str(ROOT / "target" / "e2e"))
    ap.add_argument("--diff-dir", default=str(ROOT / "build" / "differential-browser"))
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress lines show up under make, too
    browsers = args.browser or ["chromium", "firefox"]
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    diff_dir = Path(args.diff_dir)
    diff_dir.mkdir(parents=True, exist_ok=True)
    if not (PACKAGE_DIST / "wsclose.wasm").exists() or not (PACKAGE_DIST / "index.js").exists():
        raise SystemExit("e2e: bindings/js/dist is missing or incomplete; run `make js-build`")
    corpus = out_dir / "corpus.tsv"
    write_corpus(corpus)
    notes = {f"{cid}recv": note for cid, _, note in recv_corpus()}
    notes.update({f"{cid}send": note for cid, *_, note in send_corpus()})

    model: list[str] | None = None
    if args.model:
        t0 = time.monotonic()
        out = subprocess.run(args.model, shell=True, stdin=corpus.open("rb"), capture_output=True, check=True)
        model = out.stdout.decode().splitlines()
        print(f"e2e: stage model: {len(model)} answers in {time.monotonic() - t0:.1f} s")

    failures = 0
    t_all = time.monotonic()
    versions = {name: browser_version(name) for name in browsers}
    # Each browser runs in its own process with its own server, side by side: the server's
    # Python work then uses the second core instead of queueing behind the other browser's.
    ctx = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(len(browsers), mp_context=ctx) as pool:
        futures = {name: pool.submit(browser_process, name, out_dir) for name in browsers}
        results: dict[str, dict] = {}
        for name, future in futures.items():
            try:
                results[name] = future.result()
            except E2EError as e:
                print(e)
                failures += 1
    print(f"e2e: stage browsers: {len(browsers)} browser(s) side by side in {time.monotonic() - t_all:.1f} s")
    for name, result in results.items():
        rows = observed_rows(result)
        (out_dir / f"{name}.tsv").write_text(
            f"# {versions[name]}\n# {result['user_agent']}\n" + "\n".join(rows) + "\n"
        )
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in result["timings"].items())
        print(f"e2e: {versions[name]}: {len(result['page_recv'])} recv + {len(result['page_send'])} send cases ({stages})")
        if model is not None:
            model_for = [r.split("\t", 1)[1] for r in model if r.startswith(name + "\t")]
            diffs = compare(name, rows, model_for, notes)
            if not diffs:
                print(f"e2e: {name}: all {len(rows)} cases match the model")
            failures += diffs
        problems = check_rows(name, result)
        if not problems:
            print(f"e2e: {name}: close(code), close(code, 123 bytes), close(code, 124 bytes) agree with the module's isBrowserCloseable for all {SWEPT} codes")
        problems += explain_rows(name, result)
        wasm = result["wasm"]
        if not wasm.get("vectors") or min(wasm["vectors"].values()) <= 0:
            problems.append(f"the page checked no vectors: {wasm}")
        else:
            print(f"e2e: {name}: the WebAssembly module passed the shared vectors in the page ({wasm['vectors']})")
        for p in problems:
            print(f"e2e: {name}: FAIL: {p}")
        failures += len(problems)
        (diff_dir / f"{name}.txt").write_bytes(result["wasm_answers"])
        if args.checker:
            t0 = time.monotonic()
            check = subprocess.run(f"{args.checker} {diff_dir} {name} --sections code,parse,explain", shell=True)
            print(f"e2e: stage differential ({name}): {time.monotonic() - t0:.1f} s")
            if check.returncode != 0:
                print(f"e2e: {name}: FAIL: the WebAssembly module's answers in the page differ from the core")
                failures += 1
    print(f"e2e: {len(browsers)} browser(s) in {time.monotonic() - t_all:.1f} s; results in {out_dir}")
    if PROFILE_CODES:
        print(f"e2e: FAIL: E2E_PROFILE_CODES={PROFILE_CODES} swept only part of the codes (profiling run)")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
