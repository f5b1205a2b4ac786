// The measured tables of docs/reconnect.md, from the results of `make test-reconnect`
// (target/reconnect/node.json and browser.json):
//
//   node tests/reconnect/table.mjs [--results DIR] [--write docs/reconnect.md]
//
// Prints the tables; with --write, replaces the text between the markers
// <!-- reconnect-table:begin --> and <!-- reconnect-table:end --> of that file.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './clients.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? null : args[i + 1];
};
const dir = option('--results') ?? path.join(ROOT, 'target', 'reconnect');
const node = JSON.parse(fs.readFileSync(path.join(dir, 'node.json'), 'utf8'));
const browser = JSON.parse(fs.readFileSync(path.join(dir, 'browser.json'), 'utf8'));

const LIBS = ['wsclose', 'partysocket', 'reconnecting-websocket', 'sockette'];
const seconds = (ms) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : ms < 10_000 ? 2 : 1)} s`;

function summary(lib, scenario) {
  const s = node.summary.find((x) => x.library === lib && x.scenario === scenario);
  if (!s) throw new Error(`node.json has no ${lib} × ${scenario}`);
  return s;
}

function connections(lib, scenario) {
  const { min, max } = summary(lib, scenario).connections;
  return min === max ? `${min}` : `${min}–${max}`;
}

function comeback(lib, scenario) {
  const s = summary(lib, scenario);
  if (s.comebackMs === null) return 'never';
  const { min, median, max, of } = s.comebackMs;
  const never = of < s.runs ? ` (${s.runs - of} of ${s.runs} runs never)` : '';
  const range = min === max ? seconds(min) : `${seconds(min).replace(' s', '')}–${seconds(max)}, median ${seconds(median)}`;
  return `${range}${NOTES[lib] ?? ''}${never}`;
}

// reconnecting-websocket draws its minReconnectionDelay once per process, so every run here shares it.
const NOTES = { 'reconnecting-websocket': ' (1–5 s, drawn once when the module loads)' };

function offline(lib) {
  return Object.values(browser.results)
    .map((r) => `${r.offline.clients[lib].attemptsOffline}`)
    .join(' / ');
}

const version = (lib) => summary(lib, 'discord-4004').version;
const browsers = Object.values(browser.results);
const offlineMs = Math.min(...browsers.map((r) => r.offline.clients.wsclose.offlineMs));
const lines = [];
lines.push(`Node.js, fake clock, ${node.runs} runs of ${node.windowMs / 1000} s per cell (the ranges are over the runs);`);
lines.push(`the offline column: ${browsers.map((r) => `${r.browser === 'chromium' ? 'Chromium' : 'Firefox'} ${r.version.replace(/^[^/]*\//, '')}`).join(' / ')}, real time, ${seconds(offlineMs)} offline.`);
lines.push('');
lines.push('| client | connections in 60 s after a final code (Discord 4004 / graphql-ws 4400 / centrifuge 4501) | back after 1012 | back after 1001 | back after a dropped TCP connection | connections in 60 s, every connection dropped | attempts while offline after a drop (browser) |');
lines.push('| --- | --- | --- | --- | --- | --- | --- |');
for (const lib of LIBS) {
  lines.push(`| ${lib} ${version(lib)} | ${['discord-4004', 'graphql-ws-4400', 'centrifuge-4501'].map((s) => connections(lib, s)).join(' / ')} | ${comeback(lib, '1012-once')} | ${comeback(lib, '1001-once')} | ${comeback(lib, 'drop-fin-once')} | ${connections(lib, 'drop-always')} | ${offline(lib)} |`);
}
lines.push('');
lines.push('wsclose in the browsers (real time, one run; "back" is from the close event to the next socket):');
lines.push('');
lines.push(`| scenario | ${browsers.map((r) => r.browser === 'chromium' ? 'Chromium' : 'Firefox').join(' | ')} |`);
lines.push(`| --- | ${browsers.map(() => '---').join(' | ')} |`);
for (const s of browsers[0].scenarios) {
  const cells = browsers.map((r) => {
    const x = r.scenarios.find((y) => y.scenario === s.scenario);
    if (x.kind === 'final') return `${x.clientAttempts} connection, giveup (${x.events.find((e) => e.type === 'giveup')?.reason ?? 'none'})`;
    return x.comebackMs === null ? 'not back' : `back after ${x.comebackMs} ms (decided ${x.events.find((e) => e.type === 'reconnect')?.decision.delayMs} ms)`;
  });
  lines.push(`| ${s.scenario} | ${cells.join(' | ')} |`);
}
lines.push(`| offline, drop, online | ${browsers.map((r) => {
  const c = r.offline.clients.wsclose;
  return `${c.attemptsOffline} attempts in ${seconds(c.offlineMs)} offline; back ${c.reopenedAfterOnlineMs} ms after \`online\``;
}).join(' | ')} |`);
lines.push('');
lines.push(`How each browser went offline: ${browsers.map((r) => `${r.browser}: ${r.offline.method.offline}`).join('; ')}.`);
const table = lines.join('\n');

const target = option('--write');
if (target) {
  const text = fs.readFileSync(target, 'utf8');
  const begin = '<!-- reconnect-table:begin -->';
  const end = '<!-- reconnect-table:end -->';
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`${target}: the markers ${begin} ... ${end} are missing`);
  fs.writeFileSync(target, `${text.slice(0, a + begin.length)}\n${table}\n${text.slice(b)}`);
  console.log(`${target}: table rewritten`);
} else {
  console.log(table);
}
