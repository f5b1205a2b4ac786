// For a server author: which codes make a profile's clients stop, and which make them reconnect
// (the core's `codesFor`), and whether the code in view does what its advice says.
import { Intent, adviceLabel, type IntentRange, type Profile } from '../../../bindings/js/dist/index.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function list(ranges: readonly IntentRange[], id: string): HTMLElement {
  return el('ul', { class: 'codes', 'data-codes': id },
    ...ranges.map((r) => el('li', { 'data-range': `${r.first}-${r.last}` }, r.first === r.last ? String(r.first) : `${r.first}–${r.last}`)));
}

function verdict(profile: Profile, code: number, intent: Intent, verb: string): string {
  const mismatch = profile.checkIntent(code, intent);
  if (mismatch === null) return `${code} makes them ${verb}.`;
  if (!mismatch.sendable) return `${code} cannot be sent at all.`;
  const nearest = [mismatch.below, mismatch.above].filter((c): c is number => c !== null);
  return `${code} does not make them ${verb} (they ${mismatch.advice === null ? '?' : adviceLabel(mismatch.advice)})` +
    (nearest.length === 0 ? '.' : `; the nearest codes that do: ${nearest.join(' and ')}.`);
}

export function intentView(profile: Profile, code: number | null): HTMLElement {
  const stop = profile.codesFor(Intent.STOP);
  const retry = profile.codesFor(Intent.RETRY);
  return el('section', { id: 'server', 'aria-labelledby': 'server-h' },
    el('h2', { id: 'server-h' }, `For a server author: closing ${profile.title} clients`),
    el('p', {}, `Codes a server may send that make ${profile.name} clients stop for good, and codes that make them reconnect` +
      ' (the same answer as `wsclose advise --profile ' + profile.name + ' --intent stop|retry`).'),
    el('h3', {}, 'They stop'), list(stop, 'stop'),
    code === null ? '' : el('p', { 'data-verdict': 'stop' }, verdict(profile, code, Intent.STOP, 'stop')),
    el('h3', {}, 'They reconnect'), list(retry, 'retry'),
    code === null ? '' : el('p', { 'data-verdict': 'retry' }, verdict(profile, code, Intent.RETRY, 'reconnect')));
}
