// CommonJS user of the installed npm package: require() works synchronously.
const assert = require('node:assert/strict');
const wsclose = require('wsclose');

assert.equal(wsclose.classify(4000), wsclose.Category.PRIVATE);
assert.equal(wsclose.categoryLabel(wsclose.classify(4000)), 'private use');
const close = wsclose.parseClosePayload(Uint8Array.of(0x03, 0xf5, 0x62, 0x75, 0x73, 0x79));
assert.equal(close.code, wsclose.CloseCode.TRY_AGAIN_LATER);
assert.equal(close.reason, 'busy');
assert.deepEqual([...wsclose.encodeClosePayload(1001, 'bye')], [0x03, 0xe9, 0x62, 0x79, 0x65]);
assert.throws(() => wsclose.encodeClosePayload(1000, '\ud800'),
  (err) => err instanceof wsclose.PayloadError && err.kind === 'INVALID_UTF8' && err.closeCode === 1007);
assert.equal(wsclose.version(), process.env.WSCLOSE_DIST_VERSION);
console.log(`cjs: wsclose ${wsclose.version()} ok`);
