// The reconnect policy: exponential backoff with full jitter that follows a profile's fatal codes
// (core/src/policy.rs behind the C ABI). Every decision is the core's `wsclose_policy_decide`.
import { RESULT, WASM32 } from './abi.generated.js';
import { POLICY_DEFAULTS, type Advice } from './generated.js';
import { type Profile, profileIndex } from './profiles.js';
import {
  DELAY_OUT, POLICY_AT, bytes, describe, failure, reserve, resultMessage, toBoolean, toCode, toU32, toU64, view, wasm,
} from './module.js';

/** Settings of a ReconnectPolicy; each one left out keeps the library's default. */
export interface ReconnectPolicyOptions {
  /** Follow this profile's advice (default: none, the standard's advice). */
  readonly profile?: Profile | null | undefined;
  /** Backoff base in ms: attempt n waits a random time in 0 ..= min(cap, base·2^n). A safe integer or a bigint below 2^64. */
  readonly baseMs?: number | bigint | undefined;
  /** Backoff cap in ms, a safe integer or a bigint below 2^64. */
  readonly capMs?: number | bigint | undefined;
  /** Stop once this many attempts were made (an integer in 0..2^32-1); null: no limit (the default). */
  readonly maxAttempts?: number | null | undefined;
  /** Retry (true, the default) or stop (false) after codes whose advice is unspecified. */
  readonly retryUnspecified?: boolean | undefined;
  /** Codes whose advice you decide: at most POLICY_MAX_OVERRIDES. */
  readonly overrides?: ReadonlyMap<number, Advice> | Readonly<Record<number, Advice>> | undefined;
}

/**
 * Stop, or reconnect after a delay. `delayMsExact` is the exact u64 of milliseconds; `delayMs` the
 * same as a number (exact up to Number.MAX_SAFE_INTEGER, the nearest double beyond), for setTimeout.
 */
export type Decision =
  | { readonly stop: true }
  | { readonly stop: false; readonly delayMs: number; readonly delayMsExact: bigint };

/** The settings a ReconnectPolicy reports back (the library keeps its own copy, private). */
interface Settings {
  readonly baseMs: bigint;
  readonly capMs: bigint;
  readonly maxAttempts: number | null;
  readonly retryUnspecified: boolean;
  readonly overrides: ReadonlyMap<number, Advice>;
}

const POLICY_SIZE = WASM32.wsclose_policy.size;

/** Throws for a failed `wsclose_policy_*` call: RangeError for a setting the library refuses. */
function check(result: number): void {
  if (result === 0) return;
  if (result === RESULT.ERR_INVALID_ARGUMENT || result === RESULT.ERR_TOO_MANY_OVERRIDES ||
      result === RESULT.ERR_UNKNOWN_PROFILE) {
    throw new RangeError(`wsclose: invalid reconnect policy: ${resultMessage(result)}`);
  }
  throw failure(result, null);
}

/**
 * The code an `overrides` object key names: only the decimal spelling `String(code)` gives of an
 * integer in 0..65535 (`'4000'`), so that no two keys name one code and none means one by accident
 * (`''`, `'0x0FA0'`, `' 4000'`, `'4000.0'` are refused: TypeError; `'65536'`: RangeError).
 */
function codeOfKey(key: string): number {
  if (!/^(?:0|[1-9][0-9]{0,4})$/.test(key)) {
    throw new TypeError(`wsclose: an overrides key must be a close code spelt in decimal as String(code) gives it, got ${describe(key)}`);
  }
  const code = Number(key);
  if (code > 0xffff) throw new RangeError(`wsclose: an overrides key must be a close code in 0..65535, got ${describe(key)}`);
  return code;
}

/** 64 random bits from the platform's cryptographic generator (`crypto.getRandomValues`). */
function secureRandom(): bigint {
  return globalThis.crypto.getRandomValues(new BigUint64Array(1))[0] ?? 0n;
}

/**
 * A reconnect policy: exponential backoff with full jitter that follows a profile's fatal codes.
 * Every decision is the core's (`wsclose_policy_decide`).
 */
export class ReconnectPolicy {
  /** The bytes of the C struct the library built (`wsclose_policy_init` and `set_*`), opaque here. */
  readonly #struct: Uint8Array;
  readonly #settings: Settings;
  readonly #profile: Profile | null;

  /**
   * Throws TypeError/RangeError for settings of the wrong type or range; the library refuses
   * an unknown advice and more than POLICY_MAX_OVERRIDES codes (RangeError).
   */
  constructor(options: ReconnectPolicyOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('wsclose: ReconnectPolicy takes an options object');
    }
    const profile = options.profile ?? null;
    const profileNumber = profile === null ? null : profileIndex(profile);
    const baseMs = options.baseMs === undefined ? null : toU64(options.baseMs, 'baseMs');
    const capMs = options.capMs === undefined ? null : toU64(options.capMs, 'capMs');
    const maxAttempts = options.maxAttempts === undefined || options.maxAttempts === null
      ? null : toU32(options.maxAttempts, 'maxAttempts');
    const retryUnspecified = options.retryUnspecified === undefined
      ? null : toBoolean(options.retryUnspecified, 'retryUnspecified');
    const overrides: Array<[number, number]> = [];
    if (options.overrides !== undefined) {
      const given: unknown = options.overrides;
      if (typeof given !== 'object' || given === null) {
        throw new TypeError('wsclose: overrides must be a Map or an object of code → Advice');
      }
      const entries: Array<[unknown, unknown]> = given instanceof Map
        ? [...(given as Map<unknown, unknown>).entries()]
        : Object.entries(given).map(([key, advice]) => [codeOfKey(key), advice]);
      for (const [code, advice] of entries) overrides.push([toCode(code), toU32(advice, "an override's advice")]);
    }
    // The library builds the struct from its defaults and owns every rule about it (which advice
    // numbers exist, how many codes fit, which of two overrides of one code wins); only the
    // options given are set.
    const ptr = reserve(0) + POLICY_AT;
    check(wasm.wsclose_policy_init(ptr));
    if (profileNumber !== null) check(wasm.wsclose_policy_set_profile(ptr, profileNumber));
    if (baseMs !== null) check(wasm.wsclose_policy_set_base_ms(ptr, baseMs));
    if (capMs !== null) check(wasm.wsclose_policy_set_cap_ms(ptr, capMs));
    if (maxAttempts !== null) check(wasm.wsclose_policy_set_max_attempts(ptr, BigInt(maxAttempts)));
    if (retryUnspecified !== null) check(wasm.wsclose_policy_set_retry_unspecified(ptr, retryUnspecified ? 1 : 0));
    for (const [code, advice] of overrides) check(wasm.wsclose_policy_set_override(ptr, code, advice));
    this.#struct = bytes().slice(ptr, ptr + POLICY_SIZE);
    this.#profile = profile;
    // What the getters report: the options given, else the library's defaults (generated). A Map
    // keeps the last value of a key, as the library keeps the last advice of a code.
    this.#settings = Object.freeze({
      baseMs: baseMs ?? POLICY_DEFAULTS.baseMs,
      capMs: capMs ?? POLICY_DEFAULTS.capMs,
      maxAttempts: maxAttempts ?? POLICY_DEFAULTS.maxAttempts,
      retryUnspecified: retryUnspecified ?? POLICY_DEFAULTS.retryUnspecified,
      overrides: new Map(overrides as Array<[number, Advice]>),
    });
  }

  #call(code: number, wasClean: boolean, attempt: number, random: bigint): number {
    const base = reserve(0);
    bytes().set(this.#struct, base + POLICY_AT);
    return wasm.wsclose_policy_decide(base + POLICY_AT, code, wasClean ? 1 : 0, attempt, random, base + DELAY_OUT);
  }

  /** The profile it follows, or null. */
  get profile(): Profile | null { return this.#profile; }
  /** The backoff base in milliseconds. */
  get baseMs(): bigint { return this.#settings.baseMs; }
  /** The backoff cap in milliseconds. */
  get capMs(): bigint { return this.#settings.capMs; }
  /** The attempt limit, or null for none. */
  get maxAttempts(): number | null { return this.#settings.maxAttempts; }
  /** Whether codes with unspecified advice are retried. */
  get retryUnspecified(): boolean { return this.#settings.retryUnspecified; }
  /** The overrides, code → advice (a new Map). */
  get overrides(): ReadonlyMap<number, Advice> { return new Map(this.#settings.overrides); }

  /**
   * The advice the policy's decisions follow after a close with `code` (`wasClean` as the
   * WebSocket reported it): `Advice.STOP`, `Advice.RETRY` or `Advice.RESUME` (resume the session,
   * where the protocol can), never `Advice.UNSPECIFIED`; the attempt limit is not applied.
   */
  advice(code: number, wasClean: boolean): Advice {
    toCode(code);
    toBoolean(wasClean, 'wasClean');
    const base = reserve(0);
    bytes().set(this.#struct, base + POLICY_AT);
    const result = wasm.wsclose_policy_advice(base + POLICY_AT, code, wasClean ? 1 : 0);
    if (result < 0) throw failure(result, null);
    return result as Advice;
  }

  /**
   * Stop or retry after a close with `code` (`wasClean` as the WebSocket reported it) when
   * `attempt` reconnect attempts were already made. `random` (called once, only for a retry)
   * returns a bigint in 0..2^64-1; by default 64 bits of `crypto.getRandomValues`.
   */
  decide(code: number, wasClean: boolean, attempt: number, random: () => bigint = secureRandom): Decision {
    toCode(code);
    toBoolean(wasClean, 'wasClean');
    toU32(attempt, 'attempt');
    if (typeof random !== 'function') throw new TypeError('wsclose: random must be a function returning a bigint');
    // Whether to stop does not depend on the random number, so ask first and draw only to retry.
    let result = this.#call(code, wasClean, attempt, 0n);
    if (result === 1) {
      const bits: unknown = random();
      if (typeof bits !== 'bigint') throw new TypeError(`wsclose: random() must return a bigint, got ${describe(bits)}`);
      result = this.#call(code, wasClean, attempt, toU64(bits, 'random()'));
    }
    if (result === 0) return Object.freeze({ stop: true });
    if (result !== 1) throw failure(result, null);
    const exact = view().getBigUint64(reserve(0) + DELAY_OUT, true);
    return Object.freeze({ stop: false, delayMs: Number(exact), delayMsExact: exact });
  }
}
