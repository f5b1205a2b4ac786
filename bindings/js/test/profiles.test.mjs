// Profiles and the reconnect policy: every profile × every code, and the policy's settings,
// randomness and errors. The answers themselves are compared with the core by the differential
// (make diff-node); here the entry points must agree with each other, with the generated
// constants and with the documented examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as w from 'wsclose';

const ADVICE = new Set(Object.values(w.Advice));
const U64_MAX = (1n << 64n) - 1n;

test('profiles(): one object per generated profile, in name order, found by name and subprotocol', () => {
  const all = w.profiles();
  assert.equal(all.length, w.PROFILES.length);
  assert.ok(all.length > 0);
  assert.deepEqual(all.map((p) => p.name), w.PROFILES.map((p) => p.name));
  assert.deepEqual(all.map((p) => p.name), [...all.map((p) => p.name)].sort());
  for (const [i, profile] of all.entries()) {
    assert.ok(profile instanceof w.Profile);
    assert.ok(Object.isFrozen(profile));
    assert.equal(profile.title, w.PROFILES[i].title);
    assert.equal(String(profile), profile.name);
    assert.equal(w.profileByName(profile.name), profile);
    assert.equal(w.profileBySubprotocol(profile.name.toUpperCase()), null, 'case-sensitive');
    for (const token of profile.subprotocols) assert.equal(w.profileBySubprotocol(token), profile, token);
  }
  assert.equal(w.profiles(), all, 'the same frozen array each time');
  assert.ok(all.some((p) => p.subprotocols.length > 0));
});

test('unknown names and subprotocols are null; a lone surrogate matches nothing; non-strings throw', () => {
  for (const text of ['', 'nope', 'discord-gateway ', ' discord-gateway', 'discord\ud800', '\udc00', 'ü']) {
    assert.equal(w.profileByName(text), null, JSON.stringify(text));
    assert.equal(w.profileBySubprotocol(text), null, JSON.stringify(text));
  }
  for (const bad of [undefined, null, 1, {}, Symbol('x')]) {
    assert.throws(() => w.profileByName(bad), TypeError);
    assert.throws(() => w.profileBySubprotocol(bad), TypeError);
  }
  assert.throws(() => new w.Profile('x', 'x', []), TypeError);
});

test('every profile × every code: advice is an Advice; lookup rows agree with advice', () => {
  for (const profile of w.profiles()) {
    let named = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const advice = profile.advice(code);
      if (!ADVICE.has(advice)) assert.fail(`${profile.name} ${code}: advice ${advice}`);
      const row = profile.lookup(code);
      if (row === null) continue;
      named++;
      if (row.code !== code || row.advice !== advice || row.name === '' || row.description === '' || !Object.isFrozen(row)) {
        assert.fail(`${profile.name} ${code}: ${JSON.stringify(row)}`);
      }
    }
    assert.ok(named > 0, `${profile.name} names no code`);
  }
  for (const bad of [-1, 65536, 1.5, NaN]) assert.throws(() => w.profiles()[0].advice(bad), RangeError);
  assert.throws(() => w.profiles()[0].lookup('1000'), TypeError);
});

test('documented examples: discord-gateway stops on 4004, centrifuge names 3503, graphql-ws', () => {
  const discord = w.profileByName('discord-gateway');
  assert.equal(discord.advice(4004), w.Advice.STOP);
  assert.equal(discord.lookup(4004).name, 'Authentication Failed');
  const centrifuge = w.profileByName('centrifuge');
  assert.equal(centrifuge.lookup(3503).name, 'Force Disconnect');
  assert.equal(centrifuge.lookup(3600), null);
  assert.equal(centrifuge.advice(3011), w.Advice.RETRY);
  assert.equal(centrifuge.advice(4600), w.Advice.STOP);
  assert.equal(w.profileBySubprotocol('graphql-transport-ws'), w.profileByName('graphql-transport-ws'));
});

test('adviceLabel: the library labels every Advice as the generated table does', () => {
  for (const [constName, advice] of Object.entries(w.Advice)) {
    assert.equal(w.adviceLabel(advice), w.ADVICE_LABELS[advice], constName);
  }
  assert.throws(() => w.adviceLabel(Object.keys(w.Advice).length), RangeError);
  assert.throws(() => w.adviceLabel('stop'), TypeError);
});

test('ReconnectPolicy: the defaults come from the library and read back', () => {
  const policy = new w.ReconnectPolicy();
  assert.equal(policy.profile, null);
  assert.equal(typeof policy.baseMs, 'bigint');
  assert.ok(policy.capMs >= policy.baseMs);
  assert.equal(policy.maxAttempts, null);
  assert.equal(policy.retryUnspecified, true);
  assert.equal(policy.overrides.size, 0);
  // Attempt 0 waits at most the base: the largest random number gives exactly the ceiling.
  const top = policy.decide(w.CloseCode.ABNORMAL_CLOSURE, false, 0, () => U64_MAX);
  assert.deepEqual(top, { stop: false, delayMs: Number(policy.baseMs), delayMsExact: policy.baseMs });
  assert.deepEqual(policy.decide(w.CloseCode.ABNORMAL_CLOSURE, false, 0, () => 0n), { stop: false, delayMs: 0, delayMsExact: 0n });
});

test('ReconnectPolicy: the ceiling doubles per attempt up to the cap; delays grow with the random number', () => {
  const policy = new w.ReconnectPolicy({ baseMs: 100, capMs: 5000n });
  const ceilings = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    ceilings.push(policy.decide(1006, false, attempt, () => U64_MAX).delayMsExact);
  }
  assert.deepEqual(ceilings, [100n, 200n, 400n, 800n, 1600n, 3200n, 5000n, 5000n, 5000n, 5000n]);
  let previous = -1n;
  for (const random of [0n, 1n, 1n << 32n, 1n << 62n, 1n << 63n, U64_MAX - 1n, U64_MAX]) {
    const { delayMsExact } = policy.decide(1006, false, 3, () => random);
    assert.ok(delayMsExact >= previous && delayMsExact <= 800n, `${random}: ${delayMsExact}`);
    previous = delayMsExact;
  }
  assert.equal(policy.decide(1006, false, 0, () => 1n << 63n).delayMsExact, 50n);
});

test('ReconnectPolicy: a cap of 2^64-1 gives exact u64 delays, and delayMs is the nearest number', () => {
  const policy = new w.ReconnectPolicy({ baseMs: 1, capMs: U64_MAX });
  const decision = policy.decide(1006, false, 64, () => U64_MAX);
  assert.equal(decision.delayMsExact, U64_MAX);
  assert.equal(decision.delayMs, 2 ** 64);
  assert.equal(policy.decide(1006, false, 4294967295, () => U64_MAX).delayMsExact, U64_MAX);
});

test('ReconnectPolicy: random is called once, and only to retry; the default draws secure bits', () => {
  const policy = new w.ReconnectPolicy({ overrides: new Map([[4000, w.Advice.STOP]]) });
  let calls = 0;
  const random = () => { calls++; return 7n; };
  assert.deepEqual(policy.decide(4000, true, 0, random), { stop: true });
  assert.equal(calls, 0);
  assert.equal(policy.decide(1006, false, 0, random).stop, false);
  assert.equal(calls, 1);
  const delays = new Set();
  for (let i = 0; i < 64; i++) {
    const decision = policy.decide(1006, false, 5);
    assert.equal(decision.stop, false);
    assert.ok(decision.delayMsExact <= policy.capMs);
    delays.add(decision.delayMsExact);
  }
  assert.ok(delays.size > 32, `64 draws gave only ${delays.size} distinct delays`);
  assert.throws(() => policy.decide(1006, false, 0, () => 1), TypeError);
  assert.throws(() => policy.decide(1006, false, 0, () => -1n), RangeError);
  assert.throws(() => policy.decide(1006, false, 0, () => 1n << 64n), RangeError);
  assert.throws(() => policy.decide(1006, false, 0, 5), TypeError);
});

test('ReconnectPolicy: maxAttempts stops at the limit; overrides as a Map or an object', () => {
  const limited = new w.ReconnectPolicy({ maxAttempts: 3 });
  assert.equal(limited.maxAttempts, 3);
  assert.equal(limited.decide(1006, false, 2, () => 0n).stop, false);
  assert.equal(limited.decide(1006, false, 3, () => 0n).stop, true);
  const byObject = new w.ReconnectPolicy({ overrides: { 1006: w.Advice.STOP, 4000: w.Advice.RETRY } });
  assert.deepEqual([...byObject.overrides], [[1006, w.Advice.STOP], [4000, w.Advice.RETRY]]);
  assert.equal(byObject.decide(1006, false, 0).stop, true);
  assert.equal(byObject.decide(4000, true, 0, () => 0n).stop, false);
  const full = new Map(Array.from({ length: w.POLICY_MAX_OVERRIDES }, (_, i) => [4000 + i, w.Advice.STOP]));
  assert.equal(new w.ReconnectPolicy({ overrides: full }).overrides.size, w.POLICY_MAX_OVERRIDES);
  full.set(4999, w.Advice.STOP);
  assert.throws(() => new w.ReconnectPolicy({ overrides: full }), /wsclose: invalid reconnect policy: /);
  // An object key must be the code as String(code) spells it: no other spelling names a code,
  // so no two keys name one code (the library's rule for a code set twice is in the differential).
  for (const key of ['', '0x0FA0', ' 4000', '4000 ', '4000.0', '04000', '+4000', '-0', '1e3', '4_000', 'stop']) {
    assert.throws(() => new w.ReconnectPolicy({ overrides: { [key]: w.Advice.STOP } }),
      (e) => e instanceof TypeError && e.message.includes(`'${key}'`), JSON.stringify(key));
  }
  for (const key of ['65536', '99999']) {
    assert.throws(() => new w.ReconnectPolicy({ overrides: { [key]: w.Advice.STOP } }),
      (e) => e instanceof RangeError && e.message.includes(`'${key}'`), key);
  }
  assert.throws(() => new w.ReconnectPolicy({ overrides: { 4000: w.Advice.RETRY, '4000.0': w.Advice.STOP } }), TypeError);
  assert.deepEqual([...new w.ReconnectPolicy({ overrides: { 0: 0, 65535: 1 } }).overrides], [[0, 0], [65535, 1]]);
  // A Map takes number keys only (a string key is a TypeError naming it).
  assert.throws(() => new w.ReconnectPolicy({ overrides: new Map([['4000', w.Advice.STOP]]) }),
    (e) => e instanceof TypeError && e.message.includes("'4000'"));
  // Eight distinct codes as object keys fit, a ninth is the library's refusal.
  const nine = Object.fromEntries(full);
  full.delete(4999);
  assert.equal(new w.ReconnectPolicy({ overrides: Object.fromEntries(full) }).overrides.size, w.POLICY_MAX_OVERRIDES);
  assert.throws(() => new w.ReconnectPolicy({ overrides: nine }), RangeError);
});

test('ReconnectPolicy with a profile: a clean close stops exactly where the profile says stop', () => {
  for (const profile of w.profiles()) {
    for (const retryUnspecified of [true, false]) {
      const policy = new w.ReconnectPolicy({ profile, retryUnspecified });
      assert.equal(policy.profile, profile);
      for (let code = 0; code <= 0xffff; code++) {
        const advice = profile.advice(code);
        const stop = advice === w.Advice.STOP || (advice === w.Advice.UNSPECIFIED && !retryUnspecified);
        if (policy.decide(code, true, 0, () => 0n).stop !== stop) {
          assert.fail(`${profile.name} retryUnspecified=${retryUnspecified} code ${code}: advice ${advice}`);
        }
      }
    }
  }
});

test('ReconnectPolicy: settings of the wrong type or range throw', () => {
  const bad = [
    [{ baseMs: -1 }, RangeError], [{ baseMs: 1.5 }, RangeError], [{ baseMs: 2 ** 53 }, RangeError],
    [{ capMs: 1n << 64n }, RangeError], [{ capMs: -1n }, RangeError], [{ capMs: '1' }, TypeError],
    [{ maxAttempts: -1 }, RangeError], [{ maxAttempts: 2 ** 32 }, RangeError], [{ retryUnspecified: 1 }, TypeError],
    [{ profile: 'discord-gateway' }, TypeError], [{ overrides: { 70000: w.Advice.STOP } }, RangeError],
    [{ overrides: new Map([[4000, Object.keys(w.Advice).length]]) }, RangeError],
    [{ overrides: new Map([[4000, 'STOP']]) }, TypeError],
  ];
  for (const [options, type] of bad) {
    assert.throws(() => new w.ReconnectPolicy(options), type, JSON.stringify(options, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  }
  assert.throws(() => new w.ReconnectPolicy(null), TypeError);
  const policy = new w.ReconnectPolicy();
  assert.throws(() => policy.decide(1006, 0, 0), TypeError);
  assert.throws(() => policy.decide(70000, false, 0), RangeError);
  assert.throws(() => policy.decide(1006, false, -1), RangeError);
});

test('codesFor and checkIntent agree for every profile, intent and code', () => {
  for (const profile of w.profiles()) {
    for (const intent of Object.values(w.Intent)) {
      const ranges = profile.codesFor(intent);
      assert.ok(Object.isFrozen(ranges));
      const member = new Array(65536).fill(false);
      for (const r of ranges) for (let c = r.first; c <= r.last; c++) member[c] = true;
      const below = new Array(65536).fill(null);
      const above = new Array(65536).fill(null);
      let seen = null;
      for (let c = 0; c <= 0xffff; c++) { below[c] = seen; if (member[c]) seen = c; }
      seen = null;
      for (let c = 0xffff; c >= 0; c--) { above[c] = seen; if (member[c]) seen = c; }
      for (let code = 0; code <= 0xffff; code++) {
        const miss = profile.checkIntent(code, intent);
        if (member[code]) {
          assert.equal(miss, null, `${profile.name} ${intent} ${code}`);
          continue;
        }
        assert.notEqual(miss, null);
        assert.equal(miss.sendable, w.isSendable(code));
        assert.equal(miss.advice, miss.sendable ? profile.advice(code) : null);
        assert.deepEqual([miss.below, miss.above], [below[code], above[code]], `${profile.name} ${intent} ${code}`);
      }
    }
  }
});

test('checkIntent: the centrifuge case, and bad intents are refused', () => {
  const centrifuge = w.profileByName('centrifuge');
  const miss = centrifuge.checkIntent(4401, w.Intent.STOP);
  assert.equal(miss.advice, w.Advice.RETRY);
  assert.deepEqual([miss.below, miss.above], [3999, 4500]);
  assert.equal(centrifuge.checkIntent(4501, w.Intent.STOP), null);
  assert.throws(() => centrifuge.codesFor(2), RangeError);
  assert.throws(() => centrifuge.checkIntent(4000, 7), RangeError);
  assert.throws(() => centrifuge.checkIntent(4000, 'stop'), TypeError);
  assert.throws(() => centrifuge.checkIntent(70000, w.Intent.STOP), RangeError);
});
