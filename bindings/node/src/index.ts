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
import { getRandomValues } from "node:crypto";
import {
  Cause,
  Engine,
  MAX_CLOSE_PAYLOAD,
  MAX_REASON_LEN,
  PAYLOAD_ERROR_KINDS,
  POLICY_MAX_OVERRIDES,
  PROFILES,
  type Advice,
  type Category,
  type PayloadErrorKind,
  type ProfileName,
  type Reconnect,
} from "./generated";

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

// Profiles, the reconnect policy, explain and the browser model.
koffi.struct("wsclose_policy", {
  profile: "int32_t",
  base_ms: "uint64_t",
  cap_ms: "uint64_t",
  max_attempts: "uint32_t",
  has_max_attempts: "bool",
  retry_unspecified: "bool",
  override_count: "uint32_t",
  override_codes: koffi.array("uint16_t", POLICY_MAX_OVERRIDES),
  override_advice: koffi.array("uint8_t", POLICY_MAX_OVERRIDES),
});

interface RawPolicy {
  profile: number;
  base_ms: number | bigint;
  cap_ms: number | bigint;
  max_attempts: number;
  has_max_attempts: boolean;
  retry_unspecified: boolean;
  override_count: number;
  override_codes: Uint16Array;
  override_advice: Uint8Array;
}

// The reason pointers are read with koffi.decode, so they stay plain addresses here.
koffi.struct("wsclose_close_event", {
  code: "uint16_t",
  was_clean: "bool",
  error_fired: "bool",
  reason: "const void *",
  reason_len: "size_t",
  reply_kind: "uint8_t",
  reply_code: "uint16_t",
  reply_reason: "const void *",
  reply_reason_len: "size_t",
});

interface RawCloseEvent {
  code: number;
  was_clean: boolean;
  error_fired: boolean;
  reason: bigint | null;
  reason_len: number | bigint;
  reply_kind: number;
  reply_code: number;
  reply_reason: bigint | null;
  reply_reason_len: number | bigint;
}

const c2 = {
  profileCount: lib.func("uint32_t wsclose_profile_count(void)") as () => number,
  profileName: lib.func("const char *wsclose_profile_name(uint32_t profile)") as (profile: number) => string | null,
  profileByName: lib.func("int32_t wsclose_profile_by_name(const uint8_t *name, size_t len)") as (
    name: Uint8Array | null,
    len: number,
  ) => number,
  profileBySubprotocol: lib.func("int32_t wsclose_profile_by_subprotocol(const uint8_t *token, size_t len)") as (
    token: Uint8Array | null,
    len: number,
  ) => number,
  profileAdvice: lib.func("int32_t wsclose_profile_advice(uint32_t profile, uint16_t code)") as (
    profile: number,
    code: number,
  ) => number,
  profileCodeName: lib.func("const char *wsclose_profile_code_name(uint32_t profile, uint16_t code)") as (
    profile: number,
    code: number,
  ) => string | null,
  profileCodeDescription: lib.func("const char *wsclose_profile_code_description(uint32_t profile, uint16_t code)") as (
    profile: number,
    code: number,
  ) => string | null,
  adviceLabel: lib.func("const char *wsclose_advice_label(uint32_t advice)") as (advice: number) => string | null,
  policyDefault: lib.func("int32_t wsclose_policy_default(_Out_ wsclose_policy *out)") as (
    out: Partial<RawPolicy>,
  ) => number,
  // The policy goes in as the bytes of a `wsclose_policy`, encoded once (see `policyBytes`).
  policyDecide: lib.func(
    "int32_t wsclose_policy_decide(const uint8_t *policy, uint16_t code, bool was_clean, uint32_t attempt, " +
      "uint64_t random, _Out_ uint64_t *delay_ms_out)",
  ) as (
    policy: Uint8Array,
    code: number,
    wasClean: boolean,
    attempt: number,
    random: bigint,
    delayOut: (number | bigint)[],
  ) => number,
  explain: lib.func("int32_t wsclose_explain(uint16_t code, int32_t was_clean, uint8_t *causes_out, size_t cap)") as (
    code: number,
    wasClean: number,
    out: Uint8Array,
    cap: number,
  ) => number,
  causeConstName: lib.func("const char *wsclose_cause_const_name(uint32_t cause)") as (cause: number) => string | null,
  causeSummary: lib.func("const char *wsclose_cause_summary(uint32_t cause)") as (cause: number) => string | null,
  causeCheck: lib.func("const char *wsclose_cause_check(uint32_t cause)") as (cause: number) => string | null,
  closeEvent: lib.func(
    "int32_t wsclose_browser_close_event(uint32_t engine, const void *payload, size_t len, bool dropped, " +
      "_Out_ wsclose_close_event *out)",
  ) as (engine: number, payload: bigint | null, len: number, dropped: boolean, out: Partial<RawCloseEvent>) => number,
  pageClose: lib.func(
    "int32_t wsclose_browser_close(uint32_t engine, bool has_code, double code, bool has_reason, " +
      "const uint16_t *reason, size_t reason_units, _Out_ uint16_t *code_out, _Out_ bool *has_code_out, " +
      "uint8_t *reason_out, size_t reason_cap, _Out_ size_t *reason_len_out)",
  ) as (
    engine: number,
    hasCode: boolean,
    code: number,
    hasReason: boolean,
    reason: Uint16Array | null,
    units: number,
    codeOut: number[],
    hasCodeOut: boolean[],
    reasonOut: Uint8Array,
    cap: number,
    reasonLenOut: (number | bigint)[],
  ) => number,
};

/**
 * Result numbers of the C ABI's own functions (`wsclose_result` in include/wsclose.h, a stable
 * block that the core does not number): the page's `close()` throwing, and an unknown profile.
 * `test/browser.test.js` checks each against `wsclose_result_message`.
 */
const RESULT_UNKNOWN_PROFILE = -203;
const DOM_EXCEPTION_OF_RESULT: ReadonlyMap<number, DomExceptionName> = new Map([
  [-301, "InvalidAccessError"],
  [-302, "SyntaxError"],
]);

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

// ---------------------------------------------------------------------------------------------
// Profiles

/** A code a profile names: its name and meaning in that protocol, and the profile's advice. */
export interface ProfileCode {
  readonly code: number;
  readonly name: string;
  readonly description: string;
  readonly advice: Advice;
}

/** The library's index of each profile object. */
const PROFILE_INDEX = new WeakMap<Profile, number>();
/** One object per profile, in the library's index order (set when `Profile` is defined). */
let PROFILE_OBJECTS: readonly Profile[] = [];
/** True only while the class creates its objects: callers cannot make a profile. */
let creatingProfiles = false;

function profileIndex(profile: Profile): number {
  const index = PROFILE_INDEX.get(profile);
  if (index === undefined) throw new TypeError(`wsclose: not a profile: ${describe(profile)}`);
  return index;
}

/**
 * The close-code conventions of one protocol over WebSocket (Discord's gateway, graphql-ws, …):
 * what its clients do after each of the 65,536 codes. Get one from {@link profiles},
 * {@link profileByName} or {@link profileBySubprotocol}; there is one object per profile.
 */
export class Profile {
  /** The profile's name, e.g. `"discord-gateway"`. */
  readonly name: ProfileName;
  /** A human title, e.g. `"Discord Gateway"`. */
  readonly title: string;
  /** The `Sec-WebSocket-Protocol` tokens that select this profile (may be empty). */
  readonly subprotocols: readonly string[];

  private constructor(name: ProfileName, title: string, subprotocols: readonly string[]) {
    if (!creatingProfiles) {
      throw new TypeError("wsclose: profiles come from profiles(), profileByName or profileBySubprotocol");
    }
    this.name = name;
    this.title = title;
    this.subprotocols = subprotocols;
    Object.freeze(this);
  }

  static {
    const count = c2.profileCount();
    if (count !== PROFILES.length) {
      throw new Error(`wsclose: the library has ${count} profiles, the generated table ${PROFILES.length}`);
    }
    creatingProfiles = true;
    PROFILE_OBJECTS = Object.freeze(
      PROFILES.map((facts, index) => {
        const name = c2.profileName(index);
        if (name !== facts.name) {
          throw new Error(`wsclose: profile ${index} is ${describe(name)} in the library, ${describe(facts.name)} here`);
        }
        const profile = new Profile(facts.name, facts.title, facts.subprotocols);
        PROFILE_INDEX.set(profile, index);
        return profile;
      }),
    );
    creatingProfiles = false;
  }

  /** What this protocol's clients do after `code` (an {@link Advice} number). Throws like {@link classify}. */
  advice(code: number): Advice {
    const advice = c2.profileAdvice(profileIndex(this), toCode(code));
    if (advice < 0) throw failure(advice, null);
    return advice as Advice;
  }

  /** The profile's own row for `code`, or `null` when it names no such code. Throws like {@link classify}. */
  lookup(code: number): ProfileCode | null {
    const index = profileIndex(this);
    const name = c2.profileCodeName(index, toCode(code));
    if (name === null) return null;
    const description = c2.profileCodeDescription(index, code);
    if (description === null) throw new Error(`wsclose: profile ${this.name} names ${code} but does not describe it`);
    return Object.freeze({ code, name, description, advice: this.advice(code) });
  }

  /** The profile's name. */
  toString(): string {
    return this.name;
  }
}

/** Every profile, in name order. */
export function profiles(): readonly Profile[] {
  return PROFILE_OBJECTS;
}

/**
 * A string's code units as WTF-8 (UTF-8 that also spells lone surrogates), for the C functions
 * that take names: the library compares the bytes, so a lone surrogate matches nothing instead
 * of being replaced.
 */
function wtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
      unit = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
      i++;
    }
    if (unit < 0x80) out.push(unit);
    else if (unit < 0x800) out.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    else if (unit < 0x10000) out.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
    else out.push(0xf0 | (unit >> 18), 0x80 | ((unit >> 12) & 0x3f), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
  }
  return Uint8Array.from(out);
}

function findProfile(what: string, text: unknown, find: (bytes: Uint8Array | null, len: number) => number): Profile | null {
  if (typeof text !== "string") {
    throw new TypeError(`wsclose: ${what} must be a string, got ${describe(text)}`);
  }
  const bytes = wtf8(text);
  const index = find(bytes.length > 0 ? bytes : null, bytes.length);
  if (index === RESULT_UNKNOWN_PROFILE) return null;
  if (index < 0) throw failure(index, null);
  const profile = PROFILE_OBJECTS[index];
  if (profile === undefined) throw new Error(`wsclose: the library returned profile index ${index}`);
  return profile;
}

/** The profile called `name` (e.g. `"discord-gateway"`), or `null`. */
export function profileByName(name: string): Profile | null {
  return findProfile("a profile name", name, c2.profileByName);
}

/**
 * The profile a `Sec-WebSocket-Protocol` token selects (exact and case-sensitive, e.g.
 * `"graphql-transport-ws"`; pass `ws.protocol`), or `null`.
 */
export function profileBySubprotocol(token: string): Profile | null {
  return findProfile("a subprotocol", token, c2.profileBySubprotocol);
}

/**
 * The library's label for an advice number, e.g. `"stop"`.
 * @throws TypeError for a non-number; RangeError for a number the library has no advice for.
 */
export function adviceLabel(advice: Advice): string {
  const label = c2.adviceLabel(toU32(advice, "an advice"));
  if (label === null) {
    throw new RangeError(`wsclose: not an advice: ${describe(advice)}`);
  }
  return label;
}

// ---------------------------------------------------------------------------------------------
// The reconnect policy

/** Settings of a {@link ReconnectPolicy}; each one left out keeps the library's default. */
export interface ReconnectPolicyOptions {
  /** Follow this profile's advice (default: none, the standard's advice). */
  readonly profile?: Profile | null;
  /** Backoff base in ms: attempt n waits a random time in 0 ..= min(cap, base·2^n). A safe integer or a bigint below 2^64. */
  readonly baseMs?: number | bigint;
  /** Backoff cap in ms, a safe integer or a bigint below 2^64 (2^64-1 means no cap). */
  readonly capMs?: number | bigint;
  /** Stop once this many attempts were made (an integer in 0..2^32-1); `null`: no limit (the default). */
  readonly maxAttempts?: number | null;
  /** Retry (true, the default) or stop (false) after codes whose advice is unspecified. */
  readonly retryUnspecified?: boolean;
  /** Codes whose advice you decide, whatever the profile says: at most `POLICY_MAX_OVERRIDES`. */
  readonly overrides?: ReadonlyMap<number, Advice> | Readonly<Record<number, Advice>>;
}

/**
 * What to do after a close: stop, or reconnect after a delay. The delay is a `u64` of
 * milliseconds: `delayMsExact` is exact, `delayMs` is the same as a number (exact up to
 * `Number.MAX_SAFE_INTEGER`, about 285,000 years; the nearest double beyond), for `setTimeout`.
 */
export type Decision =
  | { readonly stop: true }
  | { readonly stop: false; readonly delayMs: number; readonly delayMsExact: bigint };

const U64_LIMIT = 1n << 64n;

/** JavaScript to C: a safe non-negative integer or a bigint in 0..2^64-1 (`uint64_t`). */
function toU64(value: unknown, what: string): bigint {
  if (typeof value === "bigint") {
    if (value < 0n || value >= U64_LIMIT) {
      throw new RangeError(`wsclose: ${what} must be from 0 to 2^64-1, got ${describe(value)}`);
    }
    return value;
  }
  if (typeof value !== "number") {
    throw new TypeError(`wsclose: ${what} must be a number or a bigint, got ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`wsclose: ${what} must be a non-negative safe integer (or a bigint), got ${describe(value)}`);
  }
  return BigInt(value);
}

function toBoolean(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") {
    throw new TypeError(`wsclose: ${what} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** 64 random bits from the platform's cryptographic generator. */
function secureRandom(): bigint {
  return getRandomValues(new BigUint64Array(1))[0] as bigint;
}

/** A `wsclose_policy` as its bytes (koffi lays the struct out), so each decision passes a pointer. */
function policyBytes(raw: RawPolicy): Uint8Array {
  const size = koffi.sizeof("wsclose_policy");
  const memory = koffi.alloc("wsclose_policy", 1) as bigint;
  try {
    koffi.encode(memory, "wsclose_policy", raw);
    return (koffi.decode(memory, "uint8_t", size) as Uint8Array).slice();
  } finally {
    koffi.free(memory);
  }
}

const POLICY_DEFAULTS: Readonly<RawPolicy> = (() => {
  const raw: Partial<RawPolicy> = {};
  checkOk(c2.policyDefault(raw));
  return Object.freeze(raw as RawPolicy);
})();

/**
 * A reconnect policy: exponential backoff with full jitter that follows a profile's fatal codes.
 * Every decision is the library's (`wsclose_policy_decide`).
 *
 * ```js
 * const policy = new ReconnectPolicy({ profile: profileByName("discord-gateway"), capMs: 60_000 });
 * const decision = policy.decide(event.code, event.wasClean, attempt);
 * if (!decision.stop) setTimeout(connect, decision.delayMs);
 * ```
 */
export class ReconnectPolicy {
  readonly #raw: RawPolicy;
  readonly #bytes: Uint8Array;
  readonly #profile: Profile | null;

  /**
   * @throws TypeError/RangeError for settings of the wrong type or range, more overrides than
   *   `POLICY_MAX_OVERRIDES`, or an advice number the library does not know.
   */
  constructor(options: ReconnectPolicyOptions = {}) {
    if (typeof options !== "object" || options === null) {
      throw new TypeError(`wsclose: ReconnectPolicy takes an options object, got ${describe(options)}`);
    }
    const raw: RawPolicy = {
      ...POLICY_DEFAULTS,
      override_codes: new Uint16Array(POLICY_MAX_OVERRIDES),
      override_advice: new Uint8Array(POLICY_MAX_OVERRIDES),
    };
    const profile = options.profile ?? null;
    if (profile !== null) {
      raw.profile = profileIndex(profile);
    }
    if (options.baseMs !== undefined) raw.base_ms = toU64(options.baseMs, "baseMs");
    if (options.capMs !== undefined) raw.cap_ms = toU64(options.capMs, "capMs");
    if (options.maxAttempts !== undefined && options.maxAttempts !== null) {
      raw.max_attempts = toU32(options.maxAttempts, "maxAttempts");
      raw.has_max_attempts = true;
    }
    if (options.retryUnspecified !== undefined) {
      raw.retry_unspecified = toBoolean(options.retryUnspecified, "retryUnspecified");
    }
    if (options.overrides !== undefined) {
      const entries: [unknown, unknown][] =
        options.overrides instanceof Map
          ? [...options.overrides.entries()]
          : Object.entries(options.overrides).map(([code, advice]) => [Number(code), advice]);
      if (entries.length > POLICY_MAX_OVERRIDES) {
        throw new RangeError(`wsclose: a policy holds at most ${POLICY_MAX_OVERRIDES} overrides, got ${entries.length}`);
      }
      entries.forEach(([code, advice], i) => {
        raw.override_codes[i] = toCode(code);
        const number = toU32(advice, "an override's advice");
        if (number > 0xff) throw new RangeError(`wsclose: not an advice: ${describe(advice)}`);
        raw.override_advice[i] = number;
      });
      raw.override_count = entries.length;
    }
    const bytes = policyBytes(raw);
    // The library checks the rest (an advice number it does not know): ask it once now.
    const result = c2.policyDecide(bytes, 0, true, 0, 0n, [0]);
    if (result < 0) {
      throw new RangeError(`wsclose: invalid reconnect policy: ${c.resultMessage(result)}`);
    }
    this.#raw = raw;
    this.#bytes = bytes;
    this.#profile = profile;
  }

  /** The profile it follows, or `null`. */
  get profile(): Profile | null {
    return this.#profile;
  }

  /** The backoff base in milliseconds. */
  get baseMs(): bigint {
    return BigInt(this.#raw.base_ms);
  }

  /** The backoff cap in milliseconds. */
  get capMs(): bigint {
    return BigInt(this.#raw.cap_ms);
  }

  /** The attempt limit, or `null` for none. */
  get maxAttempts(): number | null {
    return this.#raw.has_max_attempts ? this.#raw.max_attempts : null;
  }

  /** Whether codes with unspecified advice are retried. */
  get retryUnspecified(): boolean {
    return this.#raw.retry_unspecified;
  }

  /** The overrides, code to advice. */
  get overrides(): ReadonlyMap<number, Advice> {
    const map = new Map<number, Advice>();
    for (let i = 0; i < this.#raw.override_count; i++) {
      map.set(this.#raw.override_codes[i] as number, this.#raw.override_advice[i] as Advice);
    }
    return map;
  }

  /**
   * Stop or retry after a close with `code` (`wasClean` as the WebSocket reported it) when
   * `attempt` reconnect attempts were already made. `random` (called once, only for a retry)
   * returns a uniformly random bigint in 0..2^64-1; by default 64 bits of
   * `crypto.getRandomValues`. Pass a fixed one in tests.
   */
  decide(code: number, wasClean: boolean, attempt: number, random: () => bigint = secureRandom): Decision {
    toCode(code);
    toBoolean(wasClean, "wasClean");
    toU32(attempt, "attempt");
    if (typeof random !== "function") {
      throw new TypeError(`wsclose: random must be a function returning a bigint, got ${describe(random)}`);
    }
    const delay: (number | bigint)[] = [0];
    // Whether to stop does not depend on the random number, so ask first and draw only to retry.
    let result = c2.policyDecide(this.#bytes, code, wasClean, attempt, 0n, delay);
    if (result === 1) {
      const bits = random();
      if (typeof bits !== "bigint") {
        throw new TypeError(`wsclose: random() must return a bigint, got ${describe(bits)}`);
      }
      result = c2.policyDecide(this.#bytes, code, wasClean, attempt, toU64(bits, "random()"), delay);
    }
    if (result === 0) return Object.freeze({ stop: true });
    if (result !== 1) throw failure(result, null);
    const exact = BigInt(delay[0] as number | bigint);
    return Object.freeze({ stop: false, delayMs: Number(exact), delayMsExact: exact });
  }
}

// ---------------------------------------------------------------------------------------------
// explain

/** One likely cause of a close. */
export interface CauseInfo {
  /** The cause's number (see the generated `Cause`). */
  readonly cause: Cause;
  /** Its constant name, e.g. `"IDLE_TIMEOUT"`. */
  readonly constName: string;
  /** What happened, in a sentence. */
  readonly summary: string;
  /** What to check to confirm or rule out this cause. */
  readonly check: string;
}

/** The likely causes of a close, most likely first. */
export interface Explanation {
  readonly code: number;
  readonly wasClean: boolean | null;
  readonly causes: readonly CauseInfo[];
}

const CAUSE_COUNT = Object.keys(Cause).length;

/** The library's static texts of each cause, read once. */
const CAUSE_INFO = new Map<number, CauseInfo>();

function causeInfo(cause: number): CauseInfo {
  let info = CAUSE_INFO.get(cause);
  if (info === undefined) {
    info = readCause(cause);
    CAUSE_INFO.set(cause, info);
  }
  return info;
}

function readCause(cause: number): CauseInfo {
  const constName = c2.causeConstName(cause);
  const summary = c2.causeSummary(cause);
  const check = c2.causeCheck(cause);
  if (constName === null || summary === null || check === null) {
    throw new Error(`wsclose: the library explained with an unknown cause ${cause}`);
  }
  return Object.freeze({ cause: cause as Cause, constName, summary, check });
}

/**
 * Why a connection may have closed with `code`, as the receiving application saw it, and what to
 * check. `wasClean` is `CloseEvent.wasClean`, or `null`/left out when not known.
 * Throws like {@link classify}; TypeError for a `wasClean` that is not a boolean.
 */
export function explain(code: number, wasClean: boolean | null = null): Explanation {
  toCode(code);
  const clean = wasClean === null ? -1 : toBoolean(wasClean, "wasClean") ? 1 : 0;
  let out = new Uint8Array(CAUSE_COUNT);
  let count = c2.explain(code, clean, out, out.length);
  if (count > out.length) {
    out = new Uint8Array(count);
    count = c2.explain(code, clean, out, out.length);
  }
  if (count < 0) throw failure(count, null);
  const causes = Object.freeze(Array.from(out.subarray(0, count), causeInfo));
  return Object.freeze({ code, wasClean, causes });
}

// ---------------------------------------------------------------------------------------------
// The browser model

/** A Close frame a browser sends: a code and a reason, or `code` `null` for an empty Close. */
export interface SentClose {
  readonly code: number | null;
  readonly reason: string;
}

/** What a page's `close` event says (and whether `error` fired first), and the browser's reply. */
export interface CloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  /** Whether an `error` event fired before `close`. */
  readonly errorFired: boolean;
  /** The Close frame the browser sent back, or `null` when it closed TCP without one. */
  readonly reply: SentClose | null;
}

/** The `name` of the `DOMException` that a page's `ws.close()` throws. */
export type DomExceptionName = "InvalidAccessError" | "SyntaxError";

/** A `DOMException` (the platform's own class) with the name a browser's `close()` throws. */
function domException(name: DomExceptionName, message: string): Error {
  return new DOMException(message, name);
}

const ENGINES: ReadonlySet<number> = new Set(Object.values(Engine));

/** JavaScript to C: one of the generated `Engine` numbers (`wsclose_engine`). */
function toEngine(engine: unknown): number {
  const number = toU32(engine, "an engine");
  if (!ENGINES.has(number)) {
    throw new RangeError(`wsclose: not an engine: ${describe(engine)}`);
  }
  return number;
}

function decodeBytes(pointer: bigint | null, len: number | bigint): Uint8Array {
  const n = Number(len);
  if (n === 0) return new Uint8Array(0);
  if (pointer === null) throw new Error("wsclose: the library returned a NULL reason");
  return koffi.decode(pointer, "uint8_t", n) as Uint8Array;
}

/**
 * What a page sees in `engine` when the server ends the connection with a Close frame whose
 * payload is `payload`, or (`payload` `null`) drops TCP without one: the `CloseEvent`, whether
 * an `error` event fired first, and the browser's reply.
 * @throws TypeError for a payload that is neither a Uint8Array nor null; RangeError for an
 *   unknown engine.
 */
export function closeEvent(engine: Engine, payload: Uint8Array | null): CloseEvent {
  const engineNumber = toEngine(engine);
  if (payload !== null && !(payload instanceof Uint8Array)) {
    throw new TypeError(`wsclose: a close payload must be a Uint8Array or null, got ${describe(payload)}`);
  }
  // A copy in C memory: the event's reasons point into it.
  const len = payload === null ? 0 : payload.length;
  const buffer = len > 0 ? (koffi.alloc("uint8_t", len) as bigint) : null;
  try {
    if (buffer !== null && payload !== null) koffi.encode(buffer, koffi.array("uint8_t", len), payload);
    const raw: Partial<RawCloseEvent> = {};
    const result = c2.closeEvent(engineNumber, buffer, len, payload === null, raw);
    if (result !== 0) throw failure(result, null);
    const event = raw as RawCloseEvent;
    let reply: SentClose | null = null;
    if (event.reply_kind === 1) {
      reply = Object.freeze({ code: null, reason: "" });
    } else if (event.reply_kind === 2) {
      reply = Object.freeze({
        code: event.reply_code,
        reason: utf8Decoder.decode(decodeBytes(event.reply_reason, event.reply_reason_len)),
      });
    } else if (event.reply_kind !== 0) {
      throw new Error(`wsclose: the library returned reply kind ${event.reply_kind}`);
    }
    return Object.freeze({
      code: event.code,
      reason: utf8Decoder.decode(decodeBytes(event.reason, event.reason_len)),
      wasClean: event.was_clean,
      errorFired: event.error_fired,
      reply,
    });
  } finally {
    if (buffer !== null) koffi.free(buffer);
  }
}

/**
 * What a page's `ws.close(code, reason)` does in `engine`: the Close frame the browser sends, or
 * the `DOMException` the call throws (`InvalidAccessError` for a code the browser refuses,
 * `SyntaxError` for a reason over 123 bytes). `code` is any value a page may pass (`undefined`
 * when left out; others go through JavaScript's ToNumber, so fractions, NaN and infinities reach
 * the model as they are); `reason` is `undefined` or converted with ToString, and its UTF-16 code
 * units go to the library (which replaces lone surrogates by U+FFFD, as the browser does).
 * @throws DOMException as the browser would; RangeError for an unknown engine.
 */
export function pageClose(engine: Engine, code?: unknown, reason?: unknown): SentClose {
  const engineNumber = toEngine(engine);
  const hasCode = code !== undefined;
  // ToNumber, as WebIDL converts the argument (unary plus throws for a BigInt or a Symbol).
  const number = hasCode ? +(code as number) : 0;
  const hasReason = reason !== undefined;
  const units = hasReason ? codeUnits(`${reason as string}`) : new Uint16Array(0);
  const codeOut = [0];
  const hasCodeOut = [false];
  const reasonOut = new Uint8Array(MAX_REASON_LEN);
  const reasonLenOut: (number | bigint)[] = [0];
  const result = c2.pageClose(
    engineNumber,
    hasCode,
    number,
    hasReason,
    units.length > 0 ? units : null,
    units.length,
    codeOut,
    hasCodeOut,
    reasonOut,
    reasonOut.length,
    reasonLenOut,
  );
  if (result !== 0) {
    const name = DOM_EXCEPTION_OF_RESULT.get(result);
    if (name !== undefined) throw domException(name, c.resultMessage(result));
    throw failure(result, null);
  }
  const reasonText = utf8Decoder.decode(reasonOut.subarray(0, Number(reasonLenOut[0])));
  return Object.freeze({ code: hasCodeOut[0] ? (codeOut[0] as number) : null, reason: reasonText });
}
