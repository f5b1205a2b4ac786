/**
 * wsclose for Node.js: WebSocket close status codes classified by libwsclose.
 *
 * A thin layer over the C ABI (`include/wsclose.h`), loaded through koffi. Every answer comes
 * from the C library; this file only checks arguments, converts types and maps result codes to
 * exceptions.
 *
 * The library is found through the `WSCLOSE_LIBRARY` environment variable (a path to the shared
 * library) or else by its soname through the system loader (`LD_LIBRARY_PATH`, `ldconfig`).
 */
import { inspect } from "node:util";
import * as koffi from "koffi";

/** The range a close code belongs to. The numbers are those of `enum wsclose_category`. */
export enum Category {
  /** 0–999 */
  Unused = 0,
  /** 1000–1015 */
  Standard = 1,
  /** 1016–2999 */
  Reserved = 2,
  /** 3000–3999 */
  Registered = 3,
  /** 4000–4999 */
  Private = 4,
  /** 5000–65535 */
  OutOfRange = 5,
}

/** What a client should do after a close. The numbers are those of `enum wsclose_reconnect_advice`. */
export enum Reconnect {
  Never = 0,
  Backoff = 1,
  AppDefined = 2,
}

/** Everything libwsclose knows about one code (`struct wsclose_code_info`). */
export interface CodeInfo {
  readonly code: number;
  readonly category: Category;
  readonly reconnect: Reconnect;
  /** May appear in a Close frame on the wire. */
  readonly sendable: boolean;
  /** Only ever reported by an endpoint about itself (1005, 1006, 1015). */
  readonly localOnly: boolean;
  /** A browser script may pass it to `WebSocket.close()`. */
  readonly browserCloseable: boolean;
  /** Means the connection ended cleanly. */
  readonly ok: boolean;
  /** The standard name, or `null` when the code has none. */
  readonly name: string | null;
  readonly description: string;
}

/** A parsed Close frame payload. */
export interface Close {
  readonly code: number;
  readonly reason: string;
}

/** The error kinds of the C ABI, by the negated result number (`WSCLOSE_ERR_*`). */
export type PayloadErrorKind =
  | "ONE_BYTE"
  | "TOO_LONG"
  | "INVALID_CODE"
  | "INVALID_UTF8"
  | "REASON_TOO_LONG"
  | "BUFFER_TOO_SMALL";

const KINDS: readonly PayloadErrorKind[] = [
  "ONE_BYTE",
  "TOO_LONG",
  "INVALID_CODE",
  "INVALID_UTF8",
  "REASON_TOO_LONG",
  "BUFFER_TOO_SMALL",
];

/** The most bytes a Close frame payload may have. */
export const MAX_CLOSE_PAYLOAD = 125;
/** The most bytes of reason that fit next to the code. */
export const MAX_REASON_LEN = 123;

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

const c = {
  classify: lib.func("uint8_t wsclose_classify(uint16_t code)") as (code: number) => number,
  info: lib.func("int32_t wsclose_info(uint16_t code, _Out_ wsclose_code_info *out)") as (
    code: number,
    out: Partial<RawCodeInfo>,
  ) => number,
  categoryName: lib.func("const char *wsclose_category_name(uint32_t category)") as (
    category: number,
  ) => string | null,
  reconnectName: lib.func("const char *wsclose_reconnect_name(uint32_t advice)") as (
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
  ) as (
    code: number,
    reason: Uint8Array | null,
    reasonLen: number,
    out: Uint8Array,
    outCap: number,
    outLen: number[],
  ) => number,
  resultCloseCode: lib.func("uint16_t wsclose_result_close_code(int32_t result)") as (
    result: number,
  ) => number,
  resultMessage: lib.func("const char *wsclose_result_message(int32_t result)") as (
    result: number,
  ) => string,
  classifyMany: lib.func(
    "int32_t wsclose_classify_many(const uint16_t *codes, uint8_t *out, size_t count)",
  ) as (codes: Uint16Array | null, out: Uint8Array | null, count: number) => number,
  version: lib.func("const char *wsclose_version(void)") as () => string,
};

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * A Close payload that breaks the protocol, or a code and reason that cannot be encoded.
 * `closeCode` is the code to close the connection with (1002, or 1007 for bad UTF-8).
 */
export class PayloadError extends Error {
  /** Which rule was broken. */
  readonly kind: PayloadErrorKind;
  /** The raw `wsclose_result` (negative). */
  readonly result: number;
  /**
   * The code to answer the peer with: 1002 (Protocol Error), 1007 (Invalid Frame Payload Data)
   * for bad UTF-8, or 0 for the errors only encoding can meet (REASON_TOO_LONG, BUFFER_TOO_SMALL).
   */
  readonly closeCode: number;

  constructor(result: number, closeCode: number, detail?: string) {
    const kind = KINDS[-result - 1];
    if (kind === undefined) {
      throw new Error(`wsclose: unexpected result ${result} (${c.resultMessage(result)})`);
    }
    const text = c.resultMessage(result);
    super(detail === undefined ? text : `${text}: ${detail}`);
    this.name = "PayloadError";
    this.kind = kind;
    this.result = result;
    this.closeCode = closeCode;
  }
}

function describe(value: unknown): string {
  return inspect(value, { depth: 0, breakLength: Infinity });
}

function checkCode(value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`wsclose: a close code must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new RangeError(`wsclose: a close code must be an integer from 0 to 65535, got ${describe(value)}`);
  }
  return value;
}

function checkOk(result: number, what: string): void {
  if (result !== 0) {
    throw new Error(`wsclose: ${what} failed: ${c.resultMessage(result)} (${result})`);
  }
}

// ---------------------------------------------------------------------------------------------
// The API

/**
 * The category of `code`.
 * @throws TypeError when `code` is not a number; RangeError when it is not an integer in 0–65535.
 */
export function classify(code: number): Category {
  return c.classify(checkCode(code)) as Category;
}

/**
 * The categories of many codes in one call into the library. A `Uint16Array` is passed as it
 * is; other inputs are checked like {@link classify} arguments first.
 */
export function classifyMany(codes: Uint16Array | readonly number[]): Uint8Array {
  let input: Uint16Array;
  if (codes instanceof Uint16Array) {
    input = codes;
  } else if (Array.isArray(codes)) {
    input = Uint16Array.from(codes, checkCode);
  } else {
    throw new TypeError(`wsclose: classifyMany takes a Uint16Array or an array of codes, got ${describe(codes)}`);
  }
  const out = new Uint8Array(input.length);
  if (input.length > 0) {
    checkOk(c.classifyMany(input, out, input.length), "wsclose_classify_many");
  }
  return out;
}

/** Everything libwsclose knows about `code`. Throws like {@link classify}. */
export function info(code: number): CodeInfo {
  const raw: Partial<RawCodeInfo> = {};
  checkOk(c.info(checkCode(code), raw), "wsclose_info");
  const full = raw as RawCodeInfo;
  return {
    code: full.code,
    category: full.category as Category,
    reconnect: full.reconnect as Reconnect,
    sendable: full.sendable,
    localOnly: full.local_only,
    browserCloseable: full.browser_closeable,
    ok: full.ok,
    name: full.name,
    description: full.description,
  };
}

/** The library's short label for a category, e.g. `"private use"`. */
export function categoryName(category: Category): string {
  if (typeof category !== "number") {
    throw new TypeError(`wsclose: a category must be a number, got ${describe(category)}`);
  }
  const name = Number.isInteger(category) && category >= 0 && category <= 0xffffffff ? c.categoryName(category) : null;
  if (name === null) {
    throw new RangeError(`wsclose: not a category: ${describe(category)}`);
  }
  return name;
}

/** The library's short label for a reconnect advice: `"never"`, `"backoff"` or `"app-defined"`. */
export function reconnectName(advice: Reconnect): string {
  if (typeof advice !== "number") {
    throw new TypeError(`wsclose: a reconnect advice must be a number, got ${describe(advice)}`);
  }
  const name = Number.isInteger(advice) && advice >= 0 && advice <= 0xffffffff ? c.reconnectName(advice) : null;
  if (name === null) {
    throw new RangeError(`wsclose: not a reconnect advice: ${describe(advice)}`);
  }
  return name;
}

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
    if (result < 0 && result >= -KINDS.length) {
      throw new PayloadError(result, code);
    }
    checkOk(result, "wsclose_parse_close_payload");
  }
  const reasonLen = Number(reasonLenOut[0]);
  if (reasonLen === 0) {
    return { code, reason: "" };
  }
  // The reason points into `payload`: find where, and decode it from there.
  const pointer = reasonOut[0];
  const offset = pointer === null || pointer === undefined ? -1 : Number(koffi.address(pointer) - koffi.address(payload));
  if (!(offset >= 0 && offset + reasonLen <= payload.length)) {
    throw new Error("wsclose: the library returned a reason outside the payload");
  }
  return { code, reason: utf8Decoder.decode(payload.subarray(offset, offset + reasonLen)) };
}

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Builds a Close frame payload: the code in network byte order, then the reason in UTF-8.
 * A string reason with a lone surrogate has no UTF-8 form and is refused as `INVALID_UTF8`;
 * a `Uint8Array` reason is passed to the library as it is.
 * @throws PayloadError for a code that may not be sent, or a reason over 123 bytes.
 */
export function encodeClosePayload(code: number, reason: string | Uint8Array = ""): Uint8Array {
  checkCode(code);
  let bytes: Uint8Array;
  if (typeof reason === "string") {
    if (!reason.isWellFormed()) {
      const result = -(KINDS.indexOf("INVALID_UTF8") + 1);
      throw new PayloadError(result, c.resultCloseCode(result), "the reason string has a lone surrogate");
    }
    bytes = utf8Encoder.encode(reason);
  } else if (reason instanceof Uint8Array) {
    bytes = reason;
  } else {
    throw new TypeError(`wsclose: a close reason must be a string or a Uint8Array, got ${describe(reason)}`);
  }
  const out = new Uint8Array(MAX_CLOSE_PAYLOAD);
  const outLen = [0];
  const result = c.encode(code, bytes.length > 0 ? bytes : null, bytes.length, out, out.length, outLen);
  if (result !== 0) {
    if (result < 0 && result >= -KINDS.length) {
      throw new PayloadError(result, c.resultCloseCode(result));
    }
    checkOk(result, "wsclose_encode_close_payload");
  }
  return out.slice(0, Number(outLen[0]));
}

/** The version of the loaded C library, e.g. `"0.1.0"`. */
export function libraryVersion(): string {
  return c.version();
}
