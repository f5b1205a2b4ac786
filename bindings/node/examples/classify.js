'use strict';
// Prints what libwsclose knows about the close codes given as arguments, through the Node binding.
const wsclose = require('wsclose');

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node examples/classify.js CODE...');
  process.exit(2);
}
console.log(`wsclose ${wsclose.version()} (Node.js, libwsclose through koffi)`);
for (const arg of args) {
  const info = wsclose.info(Number(arg));
  console.log(
    `${String(info.code).padStart(5)}  ${wsclose.categoryLabel(info.category).padEnd(12)}  ` +
      `${(info.name ?? '-').padEnd(26)}  sendable=${String(info.sendable).padEnd(5)}  ` +
      `reconnect=${wsclose.reconnectLabel(info.reconnect)}`,
  );
}
