// Profiles: the close-code conventions of protocols over WebSocket (core/src/profiles.rs behind the C ABI).
import { PROFILES, type Advice, type Intent, type ProfileName } from './generated.js';
import { RESULT } from './abi.generated.js';
import {
  INTENT_OUTS, INTERNAL, cString, capUnits, failure, putBytes, reserve, toCode, toU32, view, wasm, wtf8,
} from './module.js';

/** A code a profile names: its name and meaning in that protocol, and the profile's advice. */
export interface ProfileCode {
  readonly code: number;
  readonly name: string;
  readonly description: string;
  readonly advice: Advice;
}

/** Codes `first..last` (inclusive) a server can send that do what an intent wants, with the profile's advice for them. */
export interface IntentRange {
  readonly first: number;
  readonly last: number;
  readonly advice: Advice;
}

/**
 * A code that does not do what was intended (`Profile.checkIntent`): what the clients do
 * instead (`advice`, null when the code cannot be sent: `sendable` false), and the nearest codes
 * below and above that would do what was intended (null where there is none).
 */
export interface IntentMismatch {
  readonly code: number;
  readonly intent: Intent;
  readonly advice: Advice | null;
  readonly sendable: boolean;
  readonly below: number | null;
  readonly above: number | null;
}

/** The C ABI's answer for an intent call: RangeError for an intent number the library refuses. */
function intentFailure(result: number, intent: number): Error {
  if (result === RESULT.ERR_INVALID_ARGUMENT) return new RangeError(`wsclose: not an intent: ${intent}`);
  return failure(result, null);
}

const [OUT_A, OUT_B, OUT_C] = INTENT_OUTS;

const PROFILE_INDEX = new WeakMap<Profile, number>();

/** The C ABI's index of a Profile of this package, else TypeError. */
export function profileIndex(profile: unknown): number {
  const index = typeof profile === 'object' && profile !== null ? PROFILE_INDEX.get(profile as Profile) : undefined;
  if (index === undefined) throw new TypeError('wsclose: not a Profile (use profileByName)');
  return index;
}

/**
 * The close-code conventions of one protocol over WebSocket (Discord's gateway, graphql-ws, …):
 * what its clients do after each of the 65,536 codes. One object per profile, from `profiles()`,
 * `profileByName` or `profileBySubprotocol`.
 */
export class Profile {
  /** The profile's name, e.g. "discord-gateway". */
  readonly name: ProfileName;
  /** A human title, e.g. "Discord Gateway". */
  readonly title: string;
  /** The Sec-WebSocket-Protocol tokens that select this profile (may be empty). */
  readonly subprotocols: readonly string[];

  /** Profiles come from `profiles()`, `profileByName` or `profileBySubprotocol`. */
  constructor(key: typeof INTERNAL, name: ProfileName, title: string, subprotocols: readonly string[]) {
    if (key !== INTERNAL) throw new TypeError('wsclose: profiles come from profiles(), profileByName or profileBySubprotocol');
    this.name = name;
    this.title = title;
    this.subprotocols = subprotocols;
    Object.freeze(this);
  }

  /** What this protocol's clients do after `code`. Throws like `classify`. */
  advice(code: number): Advice {
    const advice = wasm.wsclose_profile_advice(profileIndex(this), toCode(code));
    if (advice < 0) throw failure(advice, null);
    return advice as Advice;
  }

  /** The profile's own row for `code`, or null when it names no such code. */
  lookup(code: number): ProfileCode | null {
    const index = profileIndex(this);
    const name = cString(wasm.wsclose_profile_code_name(index, toCode(code)));
    if (name === null) return null;
    const description = cString(wasm.wsclose_profile_code_description(index, code));
    if (description === null) throw new Error(`wsclose: profile ${this.name} names ${code} but does not describe it`);
    return Object.freeze({ code, name, description, advice: this.advice(code) });
  }

  /**
   * The codes a server can send that make this protocol's clients do what `intent` wants
   * (`Intent.STOP`: advice STOP; `Intent.RETRY`: RETRY or RESUME), as maximal ranges of
   * consecutive codes with one advice, in code order. RangeError for a number that is no intent.
   */
  codesFor(intent: Intent): readonly IntentRange[] {
    const index = profileIndex(this);
    const number = toU32(intent, 'an intent');
    const count = wasm.wsclose_profile_intent_range_count(index, number);
    if (count < 0) throw intentFailure(count, number);
    const ranges: IntentRange[] = [];
    for (let i = 0; i < count; i++) {
      const base = reserve(0);
      const result = wasm.wsclose_profile_intent_range(index, number, i, base + OUT_A, base + OUT_B, base + OUT_C);
      if (result !== RESULT.OK) throw intentFailure(result, number);
      const memory = view();
      ranges.push(Object.freeze({
        first: memory.getUint16(base + OUT_A, true),
        last: memory.getUint16(base + OUT_B, true),
        advice: memory.getUint32(base + OUT_C, true) as Advice,
      }));
    }
    return Object.freeze(ranges);
  }

  /**
   * null when sending `code` makes this protocol's clients do what `intent` wants; otherwise an
   * `IntentMismatch`. Throws for `code` like `classify`, RangeError for a number that is no intent.
   */
  checkIntent(code: number, intent: Intent): IntentMismatch | null {
    const index = profileIndex(this);
    const value = toCode(code);
    const number = toU32(intent, 'an intent');
    const base = reserve(0);
    const result = wasm.wsclose_profile_check_intent(index, value, number, base + OUT_A, base + OUT_B, base + OUT_C);
    if (result === RESULT.OK) return null;
    if (result !== RESULT.ERR_INTENT_NOT_MET && result !== RESULT.ERR_INTENT_NOT_SENDABLE) throw intentFailure(result, number);
    const memory = view();
    const advice = memory.getInt32(base + OUT_A, true);
    const below = memory.getInt32(base + OUT_B, true);
    const above = memory.getInt32(base + OUT_C, true);
    return Object.freeze({
      code: value,
      intent: number as Intent,
      advice: result === RESULT.ERR_INTENT_NOT_MET ? advice as Advice : null,
      sendable: result === RESULT.ERR_INTENT_NOT_MET,
      below: below < 0 ? null : below,
      above: above < 0 ? null : above,
    });
  }

  toString(): string {
    return this.name;
  }
}

const PROFILE_OBJECTS: readonly Profile[] = (() => {
  const count = wasm.wsclose_profile_count();
  if (count !== PROFILES.length) {
    throw new Error(`wsclose: the module has ${count} profiles, the generated table ${PROFILES.length}`);
  }
  return Object.freeze(PROFILES.map((facts, index) => {
    const name = cString(wasm.wsclose_profile_name(index));
    if (name !== facts.name) throw new Error(`wsclose: profile ${index} is ${name} in the module, ${facts.name} here`);
    const profile = new Profile(INTERNAL, facts.name, facts.title, facts.subprotocols);
    PROFILE_INDEX.set(profile, index);
    return profile;
  }));
})();

/** Every profile, in name order. */
export function profiles(): readonly Profile[] {
  return PROFILE_OBJECTS;
}

/** The longest profile name or subprotocol, in UTF-8 bytes (at least its UTF-16 units). */
const LONGEST_NAME = Math.max(...PROFILE_OBJECTS.flatMap((p) => [p.name, ...p.subprotocols])
  .map((name) => new TextEncoder().encode(name).length));

function findProfile(what: string, text: unknown, find: (ptr: number, len: number) => number): Profile | null {
  if (typeof text !== 'string') throw new TypeError(`wsclose: ${what} must be a string, got ${typeof text}`);
  // The core compares whole names: one longer than every name and subprotocol matches none, and
  // its first LONGEST_NAME + 1 units are as long, so only they are copied.
  const input = wtf8(capUnits(text, LONGEST_NAME));
  const index = find(putBytes(input), input.length);
  if (index === RESULT.ERR_UNKNOWN_PROFILE) return null;
  if (index < 0) throw failure(index, null);
  const profile = PROFILE_OBJECTS[index];
  if (profile === undefined) throw new Error(`wsclose: the module returned profile index ${index}`);
  return profile;
}

/** The profile called `name` (e.g. "discord-gateway"), or null. */
export function profileByName(name: string): Profile | null {
  return findProfile('a profile name', name, (ptr, len) => wasm.wsclose_profile_by_name(ptr, len));
}

/** The profile a Sec-WebSocket-Protocol token selects (exact, case-sensitive; pass `ws.protocol`), or null. */
export function profileBySubprotocol(token: string): Profile | null {
  return findProfile('a subprotocol', token, (ptr, len) => wasm.wsclose_profile_by_subprotocol(ptr, len));
}

/** The label of an advice, e.g. "stop"; RangeError for a number with none. */
export function adviceLabel(advice: Advice): string {
  const label = cString(wasm.wsclose_advice_label(toU32(advice, 'an advice')));
  if (label === null) throw new RangeError(`wsclose: not an advice: ${advice}`);
  return label;
}
