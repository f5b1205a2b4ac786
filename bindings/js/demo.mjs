// `make demo-js`: classify the codes given on the command line through the npm package `wsclose`.
import { info, categoryLabel, reconnectLabel, version } from 'wsclose';

const codes = process.argv.slice(2).map(Number);
console.log(`wsclose ${version()} (JavaScript, WebAssembly)`);
for (const code of codes) {
  const i = info(code);
  const label = i.name ?? `(${categoryLabel(i.category)})`;
  console.log(`${String(code).padStart(5)}  ${label.padEnd(20)} sendable=${i.sendable} ` +
    `browser=${i.browserCloseable} ok=${i.ok} reconnect=${reconnectLabel(i.reconnect)}`);
}
