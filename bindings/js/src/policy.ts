// The reconnect policy: exponential backoff with full jitter that follows a profile's fatal codes
// (core/src/policy.rs behind the C ABI). Every decision is the core's `wsclose_policy_decide`.
import { POLICY_MAX_OVERRIDES, type Advice } from './generated.js';
import { POLICY } from './layout.js';
import { type Profile, profileIndex } from './profiles.js';
import {
  DELAY_OUT, POLICY_AT, failure, reserve, resultMessage, toBoolean, toCode, toU32, toU64, view, wasm,
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

interface PolicyFields {
  profile: number;
  baseMs: bigint;
  capMs: bigint;
  maxAttempts: number;
  hasMaxAttempts: boolean;
  retryUnspecified: boolean;
  overrides: Array<readonly [number, number]>;
}

const at = POLICY.offsets;

function readPolicy(ptr: number): PolicyFields {
  const memory = view();
  return {
    profile: memory.getInt32(ptr + at.profile, true),
    baseMs: memory.getBigUint64(ptr + at.base_ms, true),
    capMs: memory.getBigUint64(ptr + at.cap_ms, true),
    maxAttempts: memory.getUint32(ptr + at.max_attempts, true),
    hasMaxAttempts: memory.getUint8(ptr + at.has_max_attempts) !== 0,
    retryUnspecified: memory.getUint8(ptr + at.retry_unspecified) !== 0,
    overrides: [],
  };
}

function writePolicy(ptr: number, policy: PolicyFields): void {
  const memory = view();
  memory.setInt32(ptr + at.profile, policy.profile, true);
  memory.setBigUint64(ptr + at.base_ms, policy.baseMs, true);
  memory.setBigUint64(ptr + at.cap_ms, policy.capMs, true);
  memory.setUint32(ptr + at.max_attempts, policy.maxAttempts, true);
  memory.setUint8(ptr + at.has_max_attempts, policy.hasMaxAttempts ? 1 : 0);
  memory.setUint8(ptr + at.retry_unspecified, policy.retryUnspecified ? 1 : 0);
  memory.setUint32(ptr + at.override_count, policy.overrides.length, true);
  for (let i = 0; i < POLICY_MAX_OVERRIDES; i++) {
    const [code, advice] = policy.overrides[i] ?? [0, 0];
    memory.setUint16(ptr + at.override_codes + 2 * i, code, true);
    memory.setUint8(ptr + at.override_advice + i, advice);
  }
}

/** The library's default policy. */
const POLICY_DEFAULTS: Readonly<PolicyFields> = (() => {
  const ptr = reserve(0) + POLICY_AT;
  const result = wasm.wsclose_policy_default(ptr);
  if (result !== 0) throw failure(result, null);
  return Object.freeze(readPolicy(ptr));
})();

/** 64 random bits from the platform's cryptographic generator (`crypto.getRandomValues`). */
function secureRandom(): bigint {
  return globalThis.crypto.getRandomValues(new BigUint64Array(1))[0] ?? 0n;
}

/**
 * A reconnect policy: exponential backoff with full jitter that follows a profile's fatal codes.
 * Every decision is the core's (`wsclose_policy_decide`).
 */
export class ReconnectPolicy {
  readonly #policy: Readonly<PolicyFields>;
  readonly #profile: Profile | null;

  /** Throws TypeError/RangeError for settings of the wrong type or range, or more than POLICY_MAX_OVERRIDES overrides. */
  constructor(options: ReconnectPolicyOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('wsclose: ReconnectPolicy takes an options object');
    }
    const policy: PolicyFields = { ...POLICY_DEFAULTS, overrides: [] };
    const profile = options.profile ?? null;
    if (profile !== null) policy.profile = profileIndex(profile);
    if (options.baseMs !== undefined) policy.baseMs = toU64(options.baseMs, 'baseMs');
    if (options.capMs !== undefined) policy.capMs = toU64(options.capMs, 'capMs');
    if (options.maxAttempts !== undefined && options.maxAttempts !== null) {
      policy.maxAttempts = toU32(options.maxAttempts, 'maxAttempts');
      policy.hasMaxAttempts = true;
    }
    if (options.retryUnspecified !== undefined) {
      policy.retryUnspecified = toBoolean(options.retryUnspecified, 'retryUnspecified');
    }
    if (options.overrides !== undefined) {
      const overrides: unknown = options.overrides;
      if (typeof overrides !== 'object' || overrides === null) {
        throw new TypeError('wsclose: overrides must be a Map or an object of code → Advice');
      }
      const entries: Array<[unknown, unknown]> = overrides instanceof Map
        ? [...(overrides as Map<unknown, unknown>).entries()]
        : Object.entries(overrides).map(([code, advice]) => [Number(code), advice]);
      if (entries.length > POLICY_MAX_OVERRIDES) {
        throw new RangeError(`wsclose: a policy holds at most ${POLICY_MAX_OVERRIDES} overrides, got ${entries.length}`);
      }
      for (const [code, advice] of entries) {
        const number = toU32(advice, "an override's advice");
        if (number > 0xff) throw new RangeError(`wsclose: not an advice: ${number}`);
        policy.overrides.push(Object.freeze([toCode(code), number] as const));
      }
    }
    Object.freeze(policy.overrides);
    this.#policy = Object.freeze(policy);
    this.#profile = profile;
    // The library checks the rest (an advice number it does not know): ask it once now.
    const result = this.#call(0, true, 0, 0n);
    if (result < 0) {
      throw new RangeError(`wsclose: invalid reconnect policy: ${resultMessage(result)}`);
    }
  }

  #call(code: number, wasClean: boolean, attempt: number, random: bigint): number {
    const ptr = reserve(0) + POLICY_AT;
    writePolicy(ptr, this.#policy);
    return wasm.wsclose_policy_decide(ptr, code, wasClean ? 1 : 0, attempt, random, reserve(0) + DELAY_OUT);
  }

  /** The profile it follows, or null. */
  get profile(): Profile | null { return this.#profile; }
  /** The backoff base in milliseconds. */
  get baseMs(): bigint { return this.#policy.baseMs; }
  /** The backoff cap in milliseconds. */
  get capMs(): bigint { return this.#policy.capMs; }
  /** The attempt limit, or null for none. */
  get maxAttempts(): number | null { return this.#policy.hasMaxAttempts ? this.#policy.maxAttempts : null; }
  /** Whether codes with unspecified advice are retried. */
  get retryUnspecified(): boolean { return this.#policy.retryUnspecified; }
  /** The overrides, code → advice (a new Map). */
  get overrides(): ReadonlyMap<number, Advice> {
    return new Map(this.#policy.overrides.map(([code, advice]) => [code, advice as Advice]));
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
      if (typeof bits !== 'bigint') throw new TypeError(`wsclose: random() must return a bigint, got ${typeof bits}`);
      result = this.#call(code, wasClean, attempt, toU64(bits, 'random()'));
    }
    if (result === 0) return Object.freeze({ stop: true });
    if (result !== 1) throw failure(result, null);
    const exact = view().getBigUint64(reserve(0) + DELAY_OUT, true);
    return Object.freeze({ stop: false, delayMs: Number(exact), delayMsExact: exact });
  }
}
