// Shared by the profile tests: wsclose's advice per code, a concurrent sweep over all 65,536
// codes, and the comparison that tells real differences from the named deliberate ones.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export const ALL_CODES = 65536;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The profile's advice for every code, as printed by `core/examples/profile_advice.rs`
 * (`code<TAB>ADVICE`): an array of 65,536 const names (`STOP`, `RETRY`, `RESUME`,
 * `UNSPECIFIED`). `make test-profiles-js` writes the files into WSCLOSE_PROFILE_ADVICE_DIR;
 * without it the example is run here through cargo.
 */
export function loadAdvice(profile) {
  const dir = process.env.WSCLOSE_PROFILE_ADVICE_DIR;
  const text = dir
    ? readFileSync(join(dir, `${profile}.txt`), 'utf8')
    : execFileSync(
        'cargo',
        ['run', '-q', '--release', '-p', 'wsclose', '--example', 'profile_advice', '--', profile],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 },
      );
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== ALL_CODES) {
    throw new Error(`${profile}: ${lines.length} advice lines, expected ${ALL_CODES}`);
  }
  return lines.map((line, code) => {
    const [c, advice, ...rest] = line.split('\t');
    if (Number(c) !== code || rest.length || !['STOP', 'RETRY', 'RESUME', 'UNSPECIFIED'].includes(advice)) {
      throw new Error(`${profile}: bad line ${code}: ${JSON.stringify(line)}`);
    }
    return advice;
  });
}

/** What a client does after the profile's advice: `stop` or `retry` (RESUME reconnects too). */
export function expectedOutcome(advice) {
  switch (advice) {
    case 'STOP':
      return 'stop';
    case 'RETRY':
    case 'RESUME':
      return 'retry';
    default:
      return `no advice (${advice})`;
  }
}

/**
 * Runs the drive `name` exported by the module `moduleUrl` for every code in `first..=last`
 * (default: all), in `workers` worker threads (each takes a contiguous share of the codes). A drive
 * is `(code, options) → Promise<{ outcome, detail }>`; `options` must be cloneable. Returns an array
 * indexed by code (holes outside `first..=last`).
 *
 * Worker threads, not the test's own thread: node:test tracks every promise of its thread through
 * async hooks, which makes a sweep of 65,536 clients several times slower there.
 */
export async function sweep(moduleUrl, name, options = {}, { first = 0, last = ALL_CODES - 1 } = {}) {
  const workers = Math.min(2, availableParallelism());
  const share = Math.ceil((last + 1 - first) / workers);
  const jobs = [];
  for (let from = first; from <= last; from += share) {
    const to = Math.min(last + 1, from + share);
    jobs.push(
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./sweep-worker.js', import.meta.url), {
          workerData: { moduleUrl: String(moduleUrl), name, options, from, to },
        });
        worker.once('message', (message) => (message.error ? reject(new Error(message.error)) : resolve(message.outcomes)));
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`sweep worker for ${from}-${to - 1} exited with ${code}`)));
      }),
    );
  }
  const outcomes = new Array(first);
  for (const part of await Promise.all(jobs)) for (const outcome of part) outcomes.push(outcome);
  return outcomes;
}

/**
 * The sweep proper, run inside a worker: `drive(code)` for codes `from..to`, `concurrency` clients
 * at a time. A batch that does not settle within `timeoutMs` fails with the codes still undecided:
 * the drives are event-driven and never wait on a real timer, so that only happens when a client
 * does something the drive does not expect.
 */
export async function sweepRange(drive, from, to, { concurrency = 256, timeoutMs = 20_000 } = {}) {
  const outcomes = new Array(to - from);
  for (let start = from; start < to; start += concurrency) {
    const end = Math.min(to, start + concurrency);
    const batch = [];
    for (let code = start; code < end; code++) {
      batch.push(
        drive(code).then((result) => {
          outcomes[code - from] = result;
        }),
      );
    }
    let timer;
    const watchdog = new Promise((_, reject) => {
      timer = setTimeout(() => {
        const undecided = [];
        for (let code = start; code < end; code++) if (!outcomes[code - from]) undecided.push(code);
        reject(new Error(`undecided after ${timeoutMs} ms: ${ranges(undecided)}`));
      }, timeoutMs);
    });
    try {
      await Promise.race([Promise.all(batch), watchdog]);
    } finally {
      clearTimeout(timer);
    }
  }
  return outcomes;
}

/** `[1, 2, 3, 7]` → `"1-3, 7"` (at most `limit` runs, then a count). */
export function ranges(codes, limit = 40) {
  const runs = [];
  for (const code of codes) {
    const last = runs.at(-1);
    if (last && last[1] === code - 1) last[1] = code;
    else runs.push([code, code]);
  }
  const text = runs.slice(0, limit).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  if (runs.length > limit) text.push(`… (${runs.length - limit} more runs)`);
  return text.join(', ');
}

/**
 * Compares the client's outcome for every code with the profile's advice.
 *
 * `deliberate` lists the named differences: `{ name, reason, codes(code) → bool, client(code) →
 * 'stop' | 'retry' }`. For a code one of them covers, the client must do exactly what the entry
 * says (so a change in the client is noticed), and each entry must differ from the profile for at
 * least one code (so a stale entry is noticed too). Every other code must match the profile.
 * Codes without an outcome (outside the sweep) are skipped.
 *
 * Returns `{ failures: [text], summary: [text] }`.
 */
export function compare(profile, advice, outcomes, deliberate = []) {
  const failures = [];
  const mismatches = new Map(); // "profile→client" → codes
  const perDeliberate = deliberate.map(() => ({ covered: 0, differs: 0 }));
  const counts = {};
  let swept = 0;
  for (let code = 0; code < outcomes.length; code++) {
    if (!outcomes[code]) continue; // outside the sweep
    swept++;
    const got = outcomes[code].outcome;
    counts[got] = (counts[got] ?? 0) + 1;
    const profileSays = expectedOutcome(advice[code]);
    const i = deliberate.findIndex((d) => d.codes(code));
    const want = i >= 0 ? deliberate[i].client(code) : profileSays;
    if (i >= 0) {
      perDeliberate[i].covered++;
      if (want !== profileSays) perDeliberate[i].differs++;
    }
    if (got !== want) {
      const key = `${i >= 0 ? `[${deliberate[i].name}] expected` : `profile says`} ${want} (${advice[code]}), client: ${got}`;
      if (!mismatches.has(key)) mismatches.set(key, []);
      mismatches.get(key).push(code);
    }
  }
  for (const [key, codes] of mismatches) {
    const detail = outcomes[codes[0]].detail;
    failures.push(`${profile}: ${codes.length} codes: ${key}: ${ranges(codes)}${detail ? ` (first: ${detail})` : ''}`);
  }
  deliberate.forEach((d, i) => {
    if (perDeliberate[i].differs === 0) {
      failures.push(`${profile}: deliberate difference "${d.name}" no longer differs from the profile: remove it`);
    }
  });
  const summary = [
    `${profile}: ${swept} codes, client outcomes: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ...deliberate.map(
      (d, i) => `${profile}: deliberate "${d.name}": ${perDeliberate[i].covered} codes covered, ${perDeliberate[i].differs} differ from the profile`,
    ),
  ];
  return { failures, summary };
}

/**
 * The opening shared by the fake WebSockets of the drives: a socket whose server follows the
 * script its URL names in `scripts` (a Map). The client's first socket opens on the next
 * microtask; later ones are reported through the script's `onReconnect(count)` and stay
 * CONNECTING for ever, which parks the client without a timer. Subclasses speak the protocol
 * in `send`.
 */
export class ScriptedWebSocket {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;

  constructor(scripts, url, protocol) {
    this.url = url;
    this.protocol = protocol ?? '';
    this.readyState = ScriptedWebSocket.CONNECTING;
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    const script = scripts.get(url);
    if (!script) throw new Error(`no script for ${url}`);
    this.script = script;
    script.sockets++;
    if (script.sockets > 1) {
      script.onReconnect(script.sockets);
      return;
    }
    queueMicrotask(() => {
      this.readyState = ScriptedWebSocket.OPEN;
      this.onopen?.();
    });
  }
}
