// The explainer page: what a close code or a Close payload means, what each browser engine shows
// a page for it, the likely causes, a profile's advice and the reconnect policy's next delays.
// Every answer comes from the wsclose package (the core, through its WebAssembly module); this
// file only reads the form, asks, and draws. Inputs live in the URL fragment, so a link reproduces
// a view: #code=4004&profile=discord-gateway&engine=firefox&clean=1, #payload=03e9627965.
import {
  Advice, Category, Engine, ProfileName, Reconnect, ReconnectPolicy, adviceLabel, categoryLabel, closeEvent, constName,
  explain, info, parseClosePayload, profileByName, profileBySubprotocol, profiles, reconnectLabel, version,
  PayloadError, type CloseEvent, type Decision, type Profile,
} from '../../../bindings/js/dist/index.js';
import { intentView } from './intent.js';

/** The inputs of one view, as the fragment carries them. */
export interface Inputs {
  code: string;
  payload: string;
  clean: '' | '0' | '1';
  profile: string;
  subprotocol: string;
  engine: 'chromium' | 'firefox';
}

const KEYS = ['code', 'payload', 'clean', 'profile', 'subprotocol', 'engine'] as const;

export function parseFragment(hash: string): Inputs {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const clean = params.get('clean') ?? '';
  const engine = params.get('engine') ?? 'chromium';
  return {
    code: params.get('code') ?? '',
    payload: params.get('payload') ?? '',
    clean: clean === '0' || clean === '1' ? clean : '',
    profile: params.get('profile') ?? '',
    subprotocol: params.get('subprotocol') ?? '',
    engine: engine === 'firefox' ? 'firefox' : 'chromium',
  };
}

export function fragmentOf(inputs: Inputs): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = inputs[key];
    if (value !== '' && !(key === 'engine' && value === 'chromium')) params.set(key, value);
  }
  return `#${params.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers.

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`explainer: the page has no #${id}`);
  return node as T;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
/** Hex as the differential writes it: `-` for no bytes. */
const hexOrDash = (bytes: Uint8Array): string => (bytes.length === 0 ? '-' : hex(bytes));
const utf8 = new TextEncoder();

/** A fact row: a term, its value as text, and the raw value the browser tests read back. */
function fact(term: string, value: string, raw: string, id: string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', { 'data-fact': id, 'data-value': raw }, value)];
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
const bit = (value: boolean): string => (value ? '1' : '0');

function keyOf<T extends Record<string, number>>(table: T, value: number): string {
  const key = Object.keys(table).find((k) => table[k] === value);
  if (key === undefined) throw new Error(`explainer: no name for ${value}`);
  return key;
}

// ---------------------------------------------------------------------------------------------
// The sections of a view.

function meaningSection(code: number): HTMLElement {
  const facts = info(code);
  const constant = constName(code);
  return el('section', { id: 'meaning', 'aria-labelledby': 'meaning-h', 'data-code': String(code) },
    el('h2', { id: 'meaning-h' }, `${code}: ${facts.name ?? `a ${categoryLabel(facts.category)} code`}`),
    el('p', { class: 'lead', 'data-fact': 'description', 'data-value': facts.description }, facts.description),
    el('dl', {},
      ...fact('Range', categoryLabel(facts.category), `${keyOf(Category, facts.category)}\t${categoryLabel(facts.category)}`, 'category'),
      ...fact('Name', facts.name ?? '—', facts.name ?? '-', 'name'),
      ...fact('Constant', constant ?? '—', constant ?? '-', 'const'),
      ...fact('A server or client may send it', yesNo(facts.sendable), bit(facts.sendable), 'sendable'),
      ...fact('Only ever reported locally, never sent', yesNo(facts.localOnly), bit(facts.localOnly), 'local_only'),
      ...fact('A page may pass it to ws.close()', yesNo(facts.browserCloseable), bit(facts.browserCloseable), 'browser_closeable'),
      ...fact('Means a clean, intended close', yesNo(facts.ok), bit(facts.ok), 'ok'),
      ...fact('Reconnect (the standard’s advice)', reconnectLabel(facts.reconnect),
        `${keyOf(Reconnect, facts.reconnect)}\t${reconnectLabel(facts.reconnect)}`, 'reconnect'),
    ));
}

function payloadSection(payload: Uint8Array): { section: HTMLElement; code: number | null } {
  let text: string;
  let code: number | null = null;
  try {
    const close = parseClosePayload(payload);
    code = close.code;
    text = payload.length === 0
      ? 'An empty Close payload: no code, which the receiving end reports as 1005.'
      : `A well-formed Close payload: code ${close.code}, reason ${JSON.stringify(close.reason)}.`;
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    code = error.code;
    text = `A Close payload that breaks RFC 6455: ${error.message}.` +
      (error.closeCode === null ? '' : ` An endpoint that follows the RFC fails the connection with ${error.closeCode}.`);
  }
  const section = el('section', { id: 'payload-out', 'aria-labelledby': 'payload-h' },
    el('h2', { id: 'payload-h' }, `The server sent ${payload.length} byte${payload.length === 1 ? '' : 's'}`),
    el('p', { 'data-fact': 'parse' }, text));
  return { section, code };
}

function replyText(event: CloseEvent): { text: string; raw: string } {
  if (event.reply === null) return { text: 'nothing: it closes TCP', raw: 'none' };
  if (event.reply.code === null) return { text: 'an empty Close', raw: 'empty' };
  const reason = event.reply.reason === '' ? '' : `, reason ${JSON.stringify(event.reply.reason)}`;
  return { text: `Close ${event.reply.code}${reason}`, raw: `${event.reply.code}:${hexOrDash(utf8.encode(event.reply.reason))}` };
}

type EngineRow = readonly [Inputs['engine'], Engine, string];
const CHROMIUM: EngineRow = ['chromium', Engine.CHROMIUM, 'Chromium'];
const ENGINES: readonly EngineRow[] = [CHROMIUM, ['firefox', Engine.FIREFOX, 'Firefox']];

function browsersSection(payload: Uint8Array | null, input: string, events: Map<string, CloseEvent>): HTMLElement {
  const head = el('tr', {}, el('th', { scope: 'col' }, 'The page sees'),
    ...ENGINES.map(([, , title]) => el('th', { scope: 'col' }, title)));
  const rows: Array<[string, (e: CloseEvent) => string]> = [
    ['error event first', (e) => (e.errorFired ? 'yes' : 'no')],
    ['CloseEvent.code', (e) => String(e.code)],
    ['CloseEvent.reason', (e) => JSON.stringify(e.reason)],
    ['CloseEvent.wasClean', (e) => String(e.wasClean)],
    ['and sends back', (e) => replyText(e).text],
  ];
  const body = rows.map(([label, get]) => el('tr', {}, el('th', { scope: 'row' }, label),
    ...ENGINES.map(([key]) => {
      const event = events.get(key);
      return el('td', {}, event === undefined ? '' : get(event));
    })));
  const differ = ENGINES.map(([key]) => events.get(key)).map((e) => (e === undefined ? '' : JSON.stringify(e)));
  const same = differ[0] === differ[1];
  const table = el('table', { class: 'engines' },
    el('caption', {}, payload === null
      ? 'When the server ends TCP without a Close frame'
      : `When a server sends the Close payload ${payload.length === 0 ? '(empty)' : hex(payload)}`),
    el('thead', {}, head), el('tbody', {}, ...body));
  const lines = el('div', { hidden: '' }, ...ENGINES.map(([key]) => {
    const e = events.get(key);
    if (e === undefined) return null;
    return el('span', {
      'data-event': key,
      'data-value': `event\t${key}\t${input}\t${e.code}\t${bit(e.wasClean)}\t${bit(e.errorFired)}\t${hexOrDash(utf8.encode(e.reason))}\t${replyText(e).raw}`,
    });
  }));
  return el('section', { id: 'browsers', 'aria-labelledby': 'browsers-h' },
    el('h2', { id: 'browsers-h' }, 'What a page sees, side by side'),
    el('p', { 'data-fact': 'engines-agree', 'data-value': bit(same) }, same
      ? 'Chromium and Firefox agree on this one.'
      : 'Chromium and Firefox disagree here: a page cannot rely on one answer.'),
    el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'what each engine shows' }, table), lines);
}

function causesSection(code: number, wasClean: boolean | null, engineTitle: string | null): HTMLElement {
  const explanation = explain(code, wasClean);
  const clean = wasClean === null ? '-' : bit(wasClean);
  const context = wasClean === null ? '' : `, wasClean ${String(wasClean)}`;
  return el('section', { id: 'causes', 'aria-labelledby': 'causes-h',
    'data-value': `explain\t${code}\t${clean}\t${explanation.causes.map((c) => c.constName).join(',')}` },
  el('h2', { id: 'causes-h' }, `Likely causes of ${code}${context}${engineTitle === null ? '' : ` (as ${engineTitle} reports it)`}`),
  explanation.causes.length === 0
    ? el('p', {}, 'wsclose knows no specific cause for this close.')
    : el('ol', {}, ...explanation.causes.map((cause) => el('li', { 'data-cause': cause.constName },
      el('strong', {}, cause.summary), ' ', el('span', { class: 'check' }, `Check: ${cause.check}`)))));
}

function profileOf(inputs: Inputs): Profile | null {
  if (inputs.profile !== '') return profileByName(inputs.profile);
  if (inputs.subprotocol !== '') return profileBySubprotocol(inputs.subprotocol);
  return null;
}

function adviceSection(code: number, profile: Profile | null): HTMLElement {
  if (profile === null) {
    const advice = info(code).reconnect;
    return el('section', { id: 'advice', 'aria-labelledby': 'advice-h' },
      el('h2', { id: 'advice-h' }, 'Should a client reconnect?'),
      el('p', { 'data-fact': 'advice', 'data-value': `-\t${keyOf(Reconnect, advice)}` },
        `With no application protocol chosen, the standard’s advice for ${code}: `, el('strong', {}, reconnectLabel(advice)), '.'),
      el('p', {}, 'Pick a profile (or type the negotiated subprotocol) to see what that protocol’s clients do.'));
  }
  const advice = profile.advice(code);
  const row = profile.lookup(code);
  return el('section', { id: 'advice', 'aria-labelledby': 'advice-h' },
    el('h2', { id: 'advice-h' }, `What ${profile.title} clients do after ${code}`),
    el('p', { 'data-fact': 'advice', 'data-value': `advice\t${profile.name}\t${code}\t${keyOf(Advice, advice)}` },
      el('strong', {}, adviceLabel(advice)),
      row === null ? ` (the profile names no ${code}; this is its default for the range).` : ` — ${row.name}: ${row.description}`));
}

const U64_MAX = (1n << 64n) - 1n;

function seconds(ms: number): string {
  return ms >= 10000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}

function delaysSection(code: number, wasClean: boolean, profile: Profile | null): HTMLElement {
  const policy = new ReconnectPolicy({ profile });
  const attempts = 6;
  const rows: Array<{ attempt: number; low: Decision; high: Decision }> = [];
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    rows.push({ attempt, low: policy.decide(code, wasClean, attempt, () => 0n), high: policy.decide(code, wasClean, attempt, () => U64_MAX) });
  }
  const heading = el('h2', { id: 'delays-h' }, 'The reconnect policy’s next delays');
  const first = rows[0];
  if (first === undefined || first.low.stop) {
    return el('section', { id: 'delays', 'aria-labelledby': 'delays-h', 'data-value': 'stop' }, heading,
      el('p', {}, `The policy stops after ${code}: no reconnect.`));
  }
  const maxMs = Math.max(1, ...rows.map((r) => (r.high.stop ? 0 : r.high.delayMs)));
  const width = 640;
  const rowHeight = 26;
  const left = 88;
  const picture = svg('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 24}`, role: 'img', class: 'timeline',
    'aria-labelledby': 'delays-title' });
  picture.append(svg('title', { id: 'delays-title' }, `Delay before each reconnect attempt, from 0 up to ${seconds(maxMs)}`));
  const list = el('ol', { class: 'delays' });
  const scale = (ms: number): number => left + ((width - left - 16) * ms) / maxMs;
  for (const { attempt, low, high } of rows) {
    const y = attempt * rowHeight + 6;
    picture.append(svg('text', { x: 0, y: y + 14, class: 'label' }, `attempt ${attempt + 1}`));
    if (low.stop || high.stop) {
      picture.append(svg('text', { x: left, y: y + 14, class: 'stop' }, 'stops'));
      list.append(el('li', { 'data-delay': 'stop' }, `attempt ${attempt + 1}: the policy stops`));
      continue;
    }
    picture.append(svg('rect', { x: scale(low.delayMs), y, width: Math.max(2, scale(high.delayMs) - scale(low.delayMs)), height: rowHeight - 10, class: 'range' }));
    list.append(el('li', { 'data-delay': `${low.delayMs}-${high.delayMs}` },
      `attempt ${attempt + 1}: waits a random ${seconds(low.delayMs)} to ${seconds(high.delayMs)}`));
  }
  picture.append(svg('text', { x: left, y: rows.length * rowHeight + 20, class: 'axis' }, '0'));
  picture.append(svg('text', { x: width - 16, y: rows.length * rowHeight + 20, class: 'axis', 'text-anchor': 'end' }, seconds(maxMs)));
  return el('section', { id: 'delays', 'aria-labelledby': 'delays-h', 'data-value': 'retry' }, heading,
    el('p', {}, `Exponential backoff with full jitter (base ${policy.baseMs} ms, cap ${policy.capMs} ms)${profile === null ? '' : `, following ${profile.name}`}:`),
    picture, list);
}

// ---------------------------------------------------------------------------------------------
// The form and the view.

/** The payload field: hex, two digits per byte, or `-` for an empty payload (as the differential writes it). */
function hexBytes(text: string): Uint8Array | string {
  if (text === '-') return new Uint8Array(0);
  const clean = text.replace(/[\s:]/g, '').replace(/^0x/i, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return 'the payload must be hex digits, two per byte (03e8 is code 1000), or - for an empty payload';
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function problem(message: string): HTMLElement {
  return el('p', { class: 'problem', role: 'alert', 'data-problem': message }, message);
}

export function render(inputs: Inputs, out: HTMLElement): void {
  const sections: HTMLElement[] = [];
  const wasClean = inputs.clean === '' ? null : inputs.clean === '1';
  const engine = ENGINES.find(([key]) => key === inputs.engine) ?? CHROMIUM;
  let profile: Profile | null = null;
  if (inputs.profile !== '' || inputs.subprotocol !== '') {
    profile = profileOf(inputs);
    if (profile === null) {
      sections.push(problem(inputs.profile !== ''
        ? `wsclose has no profile named ${JSON.stringify(inputs.profile)}.`
        : `No profile is known for the subprotocol ${JSON.stringify(inputs.subprotocol)}.`));
    }
  }
  let code: number | null = null;
  let seenClean = wasClean;
  if (inputs.payload !== '') {
    const bytes = hexBytes(inputs.payload);
    if (typeof bytes === 'string') {
      sections.push(problem(bytes));
    } else {
      const parsed = payloadSection(bytes);
      sections.push(parsed.section);
      const events = new Map(ENGINES.map(([key, number]) => [key, closeEvent(number, bytes)] as const));
      sections.push(browsersSection(bytes, bytes.length === 0 ? '-' : hex(bytes), events));
      const seen = events.get(engine[0]);
      if (seen !== undefined) {
        code = seen.code;
        seenClean = seen.wasClean;
      }
      if (code !== null) sections.unshift(meaningSection(code));
    }
  } else if (inputs.code !== '') {
    const trimmed = inputs.code.trim();
    const number = /^[0-9]{1,5}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!(number >= 0 && number <= 65535)) {
      sections.push(problem(`A close code is a whole number from 0 to 65535; ${JSON.stringify(inputs.code)} is not one.`));
    } else {
      code = number;
      sections.push(meaningSection(code));
      const sent = new Uint8Array([code >> 8, code & 0xff]);
      const events = new Map(ENGINES.map(([key, number]) => [key, closeEvent(number, sent)] as const));
      sections.push(browsersSection(sent, hex(sent), events));
    }
  } else {
    sections.push(el('p', { class: 'hint' }, 'Type a close code (say 1006) or the hex of a Close payload a server sent (say 03e9627965), then Explain.'));
  }
  if (code !== null) {
    sections.push(causesSection(code, seenClean, inputs.payload === '' ? null : engine[2]));
    sections.push(adviceSection(code, profile));
    sections.push(delaysSection(code, seenClean ?? false, profile));
  }
  if (profile !== null) sections.push(intentView(profile, code));
  out.replaceChildren(...sections);
}

function fillForm(inputs: Inputs): void {
  byId<HTMLInputElement>('code').value = inputs.code;
  byId<HTMLInputElement>('payload').value = inputs.payload;
  byId<HTMLSelectElement>('clean').value = inputs.clean;
  byId<HTMLSelectElement>('profile').value = inputs.profile;
  byId<HTMLInputElement>('subprotocol').value = inputs.subprotocol;
  byId<HTMLSelectElement>('engine').value = inputs.engine;
}

function readForm(): Inputs {
  const clean = byId<HTMLSelectElement>('clean').value;
  return {
    code: byId<HTMLInputElement>('code').value.trim(),
    payload: byId<HTMLInputElement>('payload').value.trim(),
    clean: clean === '0' || clean === '1' ? clean : '',
    profile: byId<HTMLSelectElement>('profile').value,
    subprotocol: byId<HTMLInputElement>('subprotocol').value.trim(),
    engine: byId<HTMLSelectElement>('engine').value === 'firefox' ? 'firefox' : 'chromium',
  };
}

let renders = 0;

function show(): void {
  const inputs = parseFragment(window.location.hash);
  fillForm(inputs);
  const out = byId<HTMLElement>('out');
  try {
    render(inputs, out);
    out.dataset['state'] = 'ready';
  } catch (error) {
    out.replaceChildren(problem(`wsclose could not answer: ${error instanceof Error ? error.message : String(error)}`));
    out.dataset['state'] = 'error';
  }
  renders += 1;
  out.dataset['render'] = String(renders); // the browser tests wait for the next view by this
  document.title = inputs.code !== '' || inputs.payload !== ''
    ? `${inputs.payload !== '' ? `payload ${inputs.payload}` : `close code ${inputs.code}`} — wsclose explainer`
    : 'wsclose explainer: what a WebSocket close means';
}

function start(): void {
  const select = byId<HTMLSelectElement>('profile');
  for (const profile of profiles()) {
    select.append(el('option', { value: profile.name satisfies ProfileName }, `${profile.title} (${profile.name})`));
  }
  byId<HTMLElement>('version').textContent = version();
  byId<HTMLFormElement>('form').addEventListener('submit', (event) => {
    event.preventDefault();
    const next = fragmentOf(readForm());
    if (next === window.location.hash || (next === '#' && window.location.hash === '')) show();
    else window.location.hash = next;
  });
  window.addEventListener('hashchange', show);
  show();
}

start();
