// For a server author: which codes make a profile's clients stop, and which make them reconnect.
import { Advice, adviceLabel, info, type Profile } from '../../../bindings/js/dist/index.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

interface Range { lo: number; hi: number; advice: Advice }

/** The codes a server may send, grouped into runs of equal advice under `profile` (the core answers each code). */
function runs(profile: Profile): Range[] {
  const out: Range[] = [];
  for (let code = 0; code <= 0xffff; code += 1) {
    if (!info(code).sendable) continue;
    const advice = profile.advice(code);
    const last = out[out.length - 1];
    if (last !== undefined && last.hi === code - 1 && last.advice === advice) last.hi = code;
    else out.push({ lo: code, hi: code, advice });
  }
  return out;
}

const CACHE = new Map<Profile, Range[]>();

function list(ranges: readonly Range[], id: string): HTMLElement {
  return el('ul', { class: 'codes', 'data-codes': id },
    ...ranges.map((r) => el('li', { 'data-range': `${r.lo}-${r.hi}` }, r.lo === r.hi ? String(r.lo) : `${r.lo}–${r.hi}`)));
}

export function intentView(profile: Profile, code: number | null): HTMLElement {
  let all = CACHE.get(profile);
  if (all === undefined) {
    all = runs(profile);
    CACHE.set(profile, all);
  }
  const stop = all.filter((r) => r.advice === Advice.STOP);
  const retry = all.filter((r) => r.advice === Advice.RETRY || r.advice === Advice.RESUME);
  const note = code === null ? '' : ` Your code ${code} makes them ${adviceLabel(profile.advice(code))}.`;
  return el('section', { id: 'server', 'aria-labelledby': 'server-h' },
    el('h2', { id: 'server-h' }, `For a server author: closing ${profile.title} clients`),
    el('p', {}, `Codes a server may send that make ${profile.name} clients stop for good, and codes that make them reconnect.${note}`),
    el('h3', {}, 'They stop'), list(stop, 'stop'),
    el('h3', {}, 'They reconnect'), list(retry, 'retry'));
}
