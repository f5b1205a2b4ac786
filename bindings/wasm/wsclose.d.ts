// Types for wsclose.mjs: WebSocket close status codes through the wsclose C ABI in WebAssembly.
// The constants and their types (CloseCode, Category, Reconnect, PayloadErrorKind, limits) are
// generated into generated.d.ts and re-exported here.
import type { Advice, Category, Cause, Engine, PayloadErrorKind, ProfileName, Reconnect } from './generated.js';

export * from './generated.js';

/** Everything wsclose knows about one code. */
export interface CodeInfo {
  readonly code: number;
  readonly category: Category;
  readonly reconnect: Reconnect;
  /** May appear in a Close frame on the wire. */
  readonly sendable: boolean;
  /** Only ever reported locally, never sent. */
  readonly localOnly: boolean;
  /** A browser's `WebSocket.close(code)` accepts it. */
  readonly browserCloseable: boolean;
  /** Means the connection ended cleanly. */
  readonly ok: boolean;
  /** The standard or IANA name, else null. */
  readonly name: string | null;
  readonly description: string;
}

/** A decoded Close payload. */
export interface Close {
  /** The status code; 1005 when the payload was empty. */
  readonly code: number;
  readonly reason: string;
}

/** Thrown by `parseClosePayload` and `encodeClosePayload`; the message is the core's fixed message. */
export declare class PayloadError extends Error {
  readonly name: 'PayloadError';
  /** Which rule was broken, e.g. "INVALID_UTF8". */
  readonly kind: PayloadErrorKind;
  /** The code to answer the peer with (1002, or 1007 for bad UTF-8); null for the kinds only encoding reports. */
  readonly closeCode: number | null;
  /** The code the payload carried or was to carry; null when parsing stopped before it. */
  readonly code: number | null;
  /** The stable C result number (`wsclose_result`, e.g. -104). */
  readonly result: number;
  private constructor();
}

/**
 * The raw exports of wsclose.wasm: the C ABI of include/wsclose.h with wasm32 types (pointers and
 * `size_t` are `i32` addresses in `memory`, `bool` is 0/1). The arguments are not converted or
 * checked here; prefer the functions of this module.
 */
export interface WsCloseExports {
  readonly memory: WebAssembly.Memory;
  wsclose_classify(code: number): number;
  wsclose_classify_many(codes: number, out: number, count: number): number;
  wsclose_is_sendable(code: number): number;
  wsclose_is_local_only(code: number): number;
  wsclose_is_browser_closeable(code: number): number;
  wsclose_is_ok(code: number): number;
  wsclose_reconnect(code: number): number;
  wsclose_name(code: number): number;
  wsclose_const_name(code: number): number;
  wsclose_description(code: number): number;
  wsclose_info(code: number, out: number): number;
  wsclose_category_label(category: number): number;
  wsclose_reconnect_label(advice: number): number;
  wsclose_parse_close_payload(payload: number, len: number, codeOut: number, reasonOut: number, reasonLenOut: number): number;
  wsclose_encode_close_payload(code: number, reason: number, reasonLen: number, out: number, outCap: number, outLen: number): number;
  wsclose_encode_close_payload_utf16(code: number, reason: number, reasonUnits: number, out: number, outCap: number, outLen: number): number;
  wsclose_result_close_code(result: number): number;
  wsclose_result_message(result: number): number;
  wsclose_version(): number;
  wsclose_profile_count(): number;
  wsclose_profile_name(profile: number): number;
  wsclose_profile_by_name(name: number, len: number): number;
  wsclose_profile_by_subprotocol(token: number, len: number): number;
  wsclose_profile_advice(profile: number, code: number): number;
  wsclose_profile_code_name(profile: number, code: number): number;
  wsclose_profile_code_description(profile: number, code: number): number;
  wsclose_advice_label(advice: number): number;
  wsclose_policy_default(out: number): number;
  /** `random` is a `uint64_t`: a bigint in wasm's i64 calling convention. */
  wsclose_policy_decide(policy: number, code: number, wasClean: number, attempt: number, random: bigint, delayMsOut: number): number;
  wsclose_explain(code: number, wasClean: number, causesOut: number, cap: number): number;
  wsclose_cause_const_name(cause: number): number;
  wsclose_cause_summary(cause: number): number;
  wsclose_cause_check(cause: number): number;
  wsclose_browser_close_event(engine: number, payload: number, len: number, dropped: number, out: number): number;
  wsclose_browser_close(engine: number, hasCode: number, code: number, hasReason: number, reason: number, reasonUnits: number,
    codeOut: number, hasCodeOut: number, reasonOut: number, reasonCap: number, reasonLenOut: number): number;
}

/** Instantiates wsclose.wasm from a URL or its bytes and returns the raw exports. */
export declare function loadWasm(source?: URL | string | BufferSource): Promise<WsCloseExports>;
/** The raw exports of the module loaded from next to wsclose.mjs. */
export declare const wasm: WsCloseExports;

/** The category of a close code. Throws TypeError for a non-number, RangeError outside 0..65535. */
export declare function classify(code: number): Category;
/** The categories of many codes in one call. */
export declare function classifyMany(codes: Uint16Array | readonly number[]): Uint8Array;
export declare function isSendable(code: number): boolean;
export declare function isLocalOnly(code: number): boolean;
export declare function isBrowserCloseable(code: number): boolean;
export declare function isOk(code: number): boolean;
export declare function reconnect(code: number): Reconnect;
export declare function name(code: number): string | null;
export declare function constName(code: number): string | null;
export declare function description(code: number): string;
export declare function info(code: number): CodeInfo;
/** The label of a category, e.g. "private use". */
export declare function categoryLabel(category: Category): string;
/** The label of a reconnect advice, e.g. "app-defined". */
export declare function reconnectLabel(advice: Reconnect): string;
/** The version of the wsclose library inside the module, e.g. "0.1.0". */
export declare function version(): string;
/** Decodes a Close payload, or throws PayloadError with the code to answer with. */
export declare function parseClosePayload(payload: Uint8Array | ArrayBuffer | ArrayBufferView): Close;
/** Builds a Close payload (a string reason goes as UTF-16 code units, bytes as bytes), or throws PayloadError. */
export declare function encodeClosePayload(code: number, reason?: string | Uint8Array): Uint8Array;

/** A code a profile names: its name and meaning in that protocol, and the profile's advice. */
export interface ProfileCode {
  readonly code: number;
  readonly name: string;
  readonly description: string;
  readonly advice: Advice;
}

/**
 * The close-code conventions of one protocol over WebSocket (Discord's gateway, graphql-ws, …):
 * what its clients do after each of the 65,536 codes. One object per profile.
 */
export declare class Profile {
  private constructor();
  /** The profile's name, e.g. "discord-gateway". */
  readonly name: ProfileName;
  /** A human title, e.g. "Discord Gateway". */
  readonly title: string;
  /** The Sec-WebSocket-Protocol tokens that select this profile (may be empty). */
  readonly subprotocols: readonly string[];
  /** What this protocol's clients do after `code`. Throws like `classify`. */
  advice(code: number): Advice;
  /** The profile's own row for `code`, or null when it names no such code. */
  lookup(code: number): ProfileCode | null;
  toString(): string;
}
/** Every profile, in name order. */
export declare function profiles(): readonly Profile[];
/** The profile called `name`, or null. */
export declare function profileByName(name: string): Profile | null;
/** The profile a Sec-WebSocket-Protocol token selects (exact, case-sensitive), or null. */
export declare function profileBySubprotocol(token: string): Profile | null;
/** The label of an advice, e.g. "stop". */
export declare function adviceLabel(advice: Advice): string;

/** Settings of a ReconnectPolicy; each one left out keeps the library's default. */
export interface ReconnectPolicyOptions {
  /** Follow this profile's advice (default: none, the standard's advice). */
  readonly profile?: Profile | null;
  /** Backoff base in ms: attempt n waits a random time in 0 ..= min(cap, base·2^n). A safe integer or a bigint below 2^64. */
  readonly baseMs?: number | bigint;
  /** Backoff cap in ms, a safe integer or a bigint below 2^64. */
  readonly capMs?: number | bigint;
  /** Stop once this many attempts were made (an integer in 0..2^32-1); null: no limit (the default). */
  readonly maxAttempts?: number | null;
  /** Retry (true, the default) or stop (false) after codes whose advice is unspecified. */
  readonly retryUnspecified?: boolean;
  /** Codes whose advice you decide: at most POLICY_MAX_OVERRIDES. */
  readonly overrides?: ReadonlyMap<number, Advice> | Readonly<Record<number, Advice>>;
}

/**
 * Stop, or reconnect after a delay. `delayMsExact` is the exact u64 of milliseconds; `delayMs` the
 * same as a number (exact up to Number.MAX_SAFE_INTEGER, the nearest double beyond), for setTimeout.
 */
export type Decision =
  | { readonly stop: true }
  | { readonly stop: false; readonly delayMs: number; readonly delayMsExact: bigint };

/** A reconnect policy: exponential backoff with full jitter that follows a profile's fatal codes. */
export declare class ReconnectPolicy {
  /** Throws TypeError/RangeError for settings of the wrong type or range, or more than POLICY_MAX_OVERRIDES overrides. */
  constructor(options?: ReconnectPolicyOptions);
  readonly profile: Profile | null;
  readonly baseMs: bigint;
  readonly capMs: bigint;
  readonly maxAttempts: number | null;
  readonly retryUnspecified: boolean;
  readonly overrides: ReadonlyMap<number, Advice>;
  /**
   * Stop or retry after a close with `code` when `attempt` reconnect attempts were already made.
   * `random` (called once, only for a retry) returns a bigint in 0..2^64-1; by default 64 bits of
   * `crypto.getRandomValues`.
   */
  decide(code: number, wasClean: boolean, attempt: number, random?: () => bigint): Decision;
}

/** One likely cause of a close. */
export interface CauseInfo {
  readonly cause: Cause;
  /** The cause's constant name, e.g. "IDLE_TIMEOUT". */
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

/** Why a connection may have closed with `code` (`wasClean` null or left out: not known), and what to check. */
export declare function explain(code: number, wasClean?: boolean | null): Explanation;

/** A Close frame a browser sends: a code and a reason, or `code` null for an empty Close. */
export interface SentClose {
  readonly code: number | null;
  readonly reason: string;
}

/** What a page's close event says (and whether error fired first), and the browser's reply. */
export interface CloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
  readonly errorFired: boolean;
  /** The Close frame the browser sent back, or null when it closed TCP without one. */
  readonly reply: SentClose | null;
}

/** The `name` of the DOMException a page's `ws.close()` throws. */
export type DomExceptionName = 'InvalidAccessError' | 'SyntaxError';

/** What a page sees in `engine` when the server sends a Close with `payload`, or (null) drops TCP. */
export declare function closeEvent(engine: Engine, payload: Uint8Array | null): CloseEvent;
/**
 * What a page's `ws.close(code, reason)` does in `engine`: the Close frame sent, or it throws a
 * DOMException named InvalidAccessError or SyntaxError, as the browser would.
 */
export declare function pageClose(engine: Engine, code?: unknown, reason?: unknown): SentClose;
