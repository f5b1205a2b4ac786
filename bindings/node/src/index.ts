/**
 * wsclose for Node.js: WebSocket close status codes classified by libwsclose.
 *
 * A thin layer over the C ABI (`include/wsclose.h`), loaded through koffi. Every answer comes
 * from the C library, and every fact (constants, limits, error kinds and messages) from the
 * generated `./generated` module; this file only converts JavaScript values to C arguments and
 * result numbers to exceptions. It checks no code, no length and no UTF-8 itself: a string
 * reason goes to the library as its UTF-16 code units (`wsclose_encode_close_payload_utf16`), so
 * a lone surrogate is refused by the core, never replaced.
 *
 * The library is found through the `WSCLOSE_LIBRARY` environment variable (a path to the shared
 * library) or else by its soname through the system loader (`LD_LIBRARY_PATH`, `ldconfig`).
 */
import { inspect } from "node:util";
import * as koffi from "koffi";
import { MAX_CLOSE_PAYLOAD, PAYLOAD_ERROR_KINDS, type Category, type PayloadErrorKind, type Reconnect } from "./generated";

export * from "./generated";

/** Everything libwsclose knows about one code (`struct wsclose_code_info`). */
export interface CodeInfo {
  readonly code: number;
  readonly category: Category;
  readonly reconnect: Reconnect;
  /** May appear in a Close frame on the wire. */
  readonly sendable: boolean;
  /** Only ever reported by an endpoint about itself, never sent. */
  readonly localOnly: boolean;
  /** A browser script may pass it to `WebSocket.close()`. */
  readonly browserCloseable: boolean;
  /** Means the connection ended cleanly. */
  readonly ok: boolean;
  /** The standard or IANA name, or `null` when the code has none. */
  readonly name: string | null;
  readonly description: string;
}

/** A parsed Close frame payload. */
export interface Close {
  readonly code: number;
  readonly reason: string;
}

// ---------------------------------------------------------------------------------------------
// Loading the library

function defaultLibraryName(): string {
  switch (process.platform) {
    case "darwin":
      return "libwsclose.0.dylib";
    case "win32":
      return "wsclose.dll";
    default:
      return "libwsclose.so.0";
  }
}

function loadLibrary(): koffi.LibraryHandle {
  const path = process.env.WSCLOSE_LIBRARY || defaultLibraryName();
  try {
    return koffi.load(path);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `wsclose: cannot load the C library ${inspect(path)} (${detail}); install libwsclose ` +
        "where the system loader finds it, or set WSCLOSE_LIBRARY to its path",
    );
  }
}

const lib = loadLibrary();

// Registered by name, so the prototypes below can refer to it.
koffi.struct("wsclose_code_info", {
  code: "uint16_t",
  category: "uint8_t",
  reconnect: "uint8_t",
  sendable: "bool",
  local_only: "bool",
  browser_closeable: "bool",
  ok: "bool",
  name: "const char *",
  description: "const char *",
});

interface RawCodeInfo {
  code: number;
  category: number;
  reconnect: number;
  sendable: boolean;
  local_only: boolean;
  browser_closeable: boolean;
  ok: boolean;
  name: string | null;
  description: string;
}

type Encode<T> = (code: number, reason: T | null, len: number, out: Uint8Array, cap: number, outLen: number[]) => number;

const c = {
  classify: lib.func("uint8_t wsclose_classify(uint16_t code)") as (code: number) => number,
  isSendable: lib.func("bool wsclose_is_sendable(uint16_t code)") as (code: number) => boolean,
  isLocalOnly: lib.func("bool wsclose_is_local_only(uint16_t code)") as (code: number) => boolean,
  isBrowserCloseable: lib.func("bool wsclose_is_browser_closeable(uint16_t code)") as (code: number) => boolean,
  isOk: lib.func("bool wsclose_is_ok(uint16_t code)") as (code: number) => boolean,
  reconnect: lib.func("uint8_t wsclose_reconnect(uint16_t code)") as (code: number) => number,
  name: lib.func("const char *wsclose_name(uint16_t code)") as (code: number) => string | null,
  constName: lib.func("const char *wsclose_const_name(uint16_t code)") as (code: number) => string | null,
  description: lib.func("const char *wsclose_description(uint16_t code)") as (code: number) => string,
  info: lib.func("int32_t wsclose_info(uint16_t code, _Out_ wsclose_code_info *out)") as (
    code: number,
    out: Partial<RawCodeInfo>,
  ) => number,
  categoryLabel: lib.func("const char *wsclose_category_label(uint32_t category)") as (
    category: number,
  ) => string | null,
  reconnectLabel: lib.func("const char *wsclose_reconnect_label(uint32_t advice)") as (
    advice: number,
  ) => string | null,
  parse: lib.func(
    "int32_t wsclose_parse_close_payload(const uint8_t *payload, size_t len, _Out_ uint16_t *code_out, " +
      "_Out_ void **reason_out, _Out_ size_t *reason_len_out)",
  ) as (
    payload: Uint8Array | null,
    len: number,
    codeOut: number[],
    reasonOut: (bigint | null)[],
    reasonLenOut: number[],
  ) => number,
  encode: lib.func(
    "int32_t wsclose_encode_close_payload(uint16_t code, const uint8_t *reason, size_t reason_len, " +
      "uint8_t *out, size_t out_cap, _Out_ size_t *out_len)",
  ) as Encode<Uint8Array>,
  encodeUtf16: lib.func(
    "int32_t wsclose_encode_close_payload_utf16(uint16_t code, const uint16_t *reason, size_t reason_units, " +
      "uint8_t *out, size_t out_cap, _Out_ size_t *out_len)",
  ) as Encode<Uint16Array>,
  resultCloseCode: lib.func("uint16_t wsclose_result_close_code(int32_t result)") as (result: number) => number,
  resultMessage: lib.func("const char *wsclose_result_message(int32_t result)") as (result: number) => string,
  classifyMany: lib.func("int32_t wsclose_classify_many(const uint16_t *codes, uint8_t *out, size_t count)") as (
    codes: Uint16Array | null,
    out: Uint8Array | null,
    count: number,
  ) => number,
  version: lib.func("const char *wsclose_version(void)") as () => string,
};

// ---------------------------------------------------------------------------------------------
// Errors

/** The payload error kinds by their C result number (from the generated table). */
const KIND_OF_RESULT: ReadonlyMap<number, PayloadErrorKind> = new Map(
  (Object.keys(PAYLOAD_ERROR_KINDS) as PayloadErrorKind[]).map((kind) => [PAYLOAD_ERROR_KINDS[kind].result, kind]),
);

/**
 * A Close payload that breaks the protocol (from {@link parseClosePayload}), or a code and reason
 * that cannot be encoded (from {@link encodeClosePayload}). The message is the core's fixed
 * message for the kind.
 */
export class PayloadError extends Error {
  /** Which rule was broken, e.g. `"INVALID_UTF8"`. */
  readonly kind: PayloadErrorKind;
  /**
   * The code to close the connection with: 1002 (Protocol Error), 1007 (Invalid Frame Payload
   * Data) for bad UTF-8, or `null` for the kinds only encoding reports.
   */
  readonly closeCode: number | null;
  /**
   * The status code the payload carried (parsing) or was to carry (encoding); `null` when
   * parsing stopped before the code.
   */
  readonly code: number | null;
  /** The stable C result number (`wsclose_result`, e.g. -104). */
  readonly result: number;

  /** @internal Built by the library from a C result; not meant to be constructed by callers. */
  constructor(kind: PayloadErrorKind, result: number, closeCode: number | null, code: number | null, message: string) {
    super(message);
    this.name = "PayloadError";
    this.kind = kind;
    this.result = result;
    this.closeCode = closeCode;
    this.code = code;
  }
}

/**
 * The exception for a non-zero C result: a {@link PayloadError} for a payload error kind, with
 * the library's message and answer code, else an `Error` (a bug in this binding or the library).
 */
function failure(result: number, code: number | null): Error {
  const kind = KIND_OF_RESULT.get(result);
  if (kind === undefined) {
    return new Error(`wsclose: unexpected result ${result} (${c.resultMessage(result)})`);
  }
  // `wsclose_result_close_code` answers 0 for the kinds that have no answer code.
  const closeCode = c.resultCloseCode(result);
  return new PayloadError(kind, result, closeCode === 0 ? null : closeCode, code, c.resultMessage(result));
}

/** The results whose kind carries the status code (a fact generated from the core). */
const CARRIES_CODE: ReadonlySet<number> = new Set(
  Object.values(PAYLOAD_ERROR_KINDS)
    .filter((kind) => kind.carriesCode)
    .map((kind) => kind.result),
);

function describe(value: unknown): string {
  return inspect(value, { depth: 0, breakLength: Infinity });
}

/** JavaScript to C: a number that is an integer in 0–65535 (`uint16_t`). */
function toCode(value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`wsclose: a close code must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new RangeError(`wsclose: a close code must be an integer from 0 to 65535, got ${describe(value)}`);
  }
  return value;
}

/** JavaScript to C: a number that is an integer in 0–2^32-1 (`uint32_t`). */
function toU32(value: unknown, what: string): number {
  if (typeof value !== "number") {
    throw new TypeError(`wsclose: ${what} must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`wsclose: ${what} must be an integer from 0 to 4294967295, got ${describe(value)}`);
  }
  return value;
}

function checkOk(result: number): void {
  if (result !== 0) {
    throw failure(result, null);
  }
}

// ---------------------------------------------------------------------------------------------
// The API

/**
 * The category of `code`.
 * @throws TypeError when `code` is not a number; RangeError when it is not an integer in 0–65535.
 */
export function classify(code: number): Category {
  return c.classify(toCode(code)) as Category;
}

/**
 * The categories of many codes in one call into the library. A `Uint16Array` is passed as it
 * is; the numbers of an array are converted like {@link classify} arguments first.
 */
export function classifyMany(codes: Uint16Array | readonly number[]): Uint8Array {
  let input: Uint16Array;
  if (codes instanceof Uint16Array) {
    input = codes;
  } else if (Array.isArray(codes)) {
    input = Uint16Array.from(codes, toCode);
  } else {
    throw new TypeError(`wsclose: classifyMany takes a Uint16Array or an array of codes, got ${describe(codes)}`);
  }
  const out = new Uint8Array(input.length);
  if (input.length > 0) {
    checkOk(c.classifyMany(input, out, input.length));
  }
  return out;
}

/** May `code` appear in a Close frame on the wire? Throws like {@link classify}. */
export function isSendable(code: number): boolean {
  return c.isSendable(toCode(code));
}

/** Is `code` only ever reported locally, never sent? Throws like {@link classify}. */
export function isLocalOnly(code: number): boolean {
  return c.isLocalOnly(toCode(code));
}

/** Does a browser's `WebSocket.close(code)` accept `code`? Throws like {@link classify}. */
export function isBrowserCloseable(code: number): boolean {
  return c.isBrowserCloseable(toCode(code));
}

/** Did the connection end cleanly? Throws like {@link classify}. */
export function isOk(code: number): boolean {
  return c.isOk(toCode(code));
}

/** What a client should do after a close with `code`. Throws like {@link classify}. */
export function reconnect(code: number): Reconnect {
  return c.reconnect(toCode(code)) as Reconnect;
}

/** The standard or IANA name of `code` (e.g. `"Going Away"`), or `null`. Throws like {@link classify}. */
export function name(code: number): string | null {
  return c.name(toCode(code));
}

/** The constant name of `code` (e.g. `"GOING_AWAY"`), or `null`. Throws like {@link classify}. */
export function constName(code: number): string | null {
  return c.constName(toCode(code));
}

/** What `code` means, in a sentence or two. Throws like {@link classify}. */
export function description(code: number): string {
  return c.description(toCode(code));
}

/** Everything libwsclose knows about `code`. Throws like {@link classify}. */
export function info(code: number): CodeInfo {
  const raw: Partial<RawCodeInfo> = {};
  checkOk(c.info(toCode(code), raw));
  const full = raw as RawCodeInfo;
  return Object.freeze({
    code: full.code,
    category: full.category as Category,
    reconnect: full.reconnect as Reconnect,
    sendable: full.sendable,
    localOnly: full.local_only,
    browserCloseable: full.browser_closeable,
    ok: full.ok,
    name: full.name,
    description: full.description,
  });
}

/**
 * The library's label for a category number, e.g. `"private use"`.
 * @throws TypeError for a non-number; RangeError for a number the library has no category for.
 */
export function categoryLabel(category: Category): string {
  const label = c.categoryLabel(toU32(category, "a category"));
  if (label === null) {
    throw new RangeError(`wsclose: not a category: ${describe(category)}`);
  }
  return label;
}

/**
 * The library's label for a reconnect advice number, e.g. `"app-defined"`.
 * @throws TypeError for a non-number; RangeError for a number the library has no advice for.
 */
export function reconnectLabel(advice: Reconnect): string {
  const label = c.reconnectLabel(toU32(advice, "a reconnect advice"));
  if (label === null) {
    throw new RangeError(`wsclose: not a reconnect advice: ${describe(advice)}`);
  }
  return label;
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Parses the payload of a received Close frame (the bytes after the frame header).
 * @throws PayloadError when the payload breaks the protocol; its `closeCode` is the code to answer with.
 */
export function parseClosePayload(payload: Uint8Array): Close {
  if (!(payload instanceof Uint8Array)) {
    throw new TypeError(`wsclose: a close payload must be a Uint8Array, got ${describe(payload)}`);
  }
  const codeOut = [0];
  const reasonOut: (bigint | null)[] = [null];
  const reasonLenOut = [0];
  const result = c.parse(payload.length > 0 ? payload : null, payload.length, codeOut, reasonOut, reasonLenOut);
  const code = codeOut[0] as number;
  if (result !== 0) {
    throw failure(result, CARRIES_CODE.has(result) ? code : null);
  }
  const reasonLen = Number(reasonLenOut[0]);
  if (reasonLen === 0) {
    return Object.freeze({ code, reason: "" });
  }
  // The reason points into `payload`: find where, and decode it from there (the library has
  // checked that it is UTF-8).
  const pointer = reasonOut[0];
  const offset = pointer === null || pointer === undefined ? -1 : Number(koffi.address(pointer) - koffi.address(payload));
  if (!(offset >= 0 && offset + reasonLen <= payload.length)) {
    throw new Error("wsclose: the library returned a reason outside the payload");
  }
  return Object.freeze({ code, reason: utf8Decoder.decode(payload.subarray(offset, offset + reasonLen)) });
}

/** A string's UTF-16 code units as they are, lone surrogates included. */
function codeUnits(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    units[i] = text.charCodeAt(i);
  }
  return units;
}

/**
 * Builds a Close frame payload: the code in network byte order, then the reason in UTF-8. A
 * string reason goes to the library as UTF-16 code units (a lone surrogate is `INVALID_UTF8`,
 * never replaced); a `Uint8Array` reason goes as bytes.
 * @throws PayloadError for a code that may not be sent, a reason over 123 bytes, or one that is
 *   not UTF-8 (checked by the library in that order; see `kind`).
 */
export function encodeClosePayload(code: number, reason: string | Uint8Array = ""): Uint8Array {
  toCode(code);
  const out = new Uint8Array(MAX_CLOSE_PAYLOAD);
  const outLen = [0];
  let result: number;
  if (typeof reason === "string") {
    const units = codeUnits(reason);
    result = c.encodeUtf16(code, units.length > 0 ? units : null, units.length, out, out.length, outLen);
  } else if (reason instanceof Uint8Array) {
    result = c.encode(code, reason.length > 0 ? reason : null, reason.length, out, out.length, outLen);
  } else {
    throw new TypeError(`wsclose: a close reason must be a string or a Uint8Array, got ${describe(reason)}`);
  }
  if (result !== 0) {
    throw failure(result, code);
  }
  return out.slice(0, Number(outLen[0]));
}

/** The version of the loaded C library, e.g. `"0.1.0"`. */
export function version(): string {
  return c.version();
}
