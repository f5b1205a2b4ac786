// The browser path of loadWasm (fetch, streaming when served as application/wasm), exercised
// with Node's fetch against a server on the loopback address, plus loading from bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { Category, loadWasm, wasm } from 'wsclose';

const bytes = readFileSync(new URL('../dist/wsclose.wasm', import.meta.url));

async function withServer(handler, body) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await body(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('loads over HTTP, streamed or not, and reports HTTP errors', async () => {
  await withServer((req, res) => {
    if (req.url === '/wsclose.wasm') {
      res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes);
    } else if (req.url === '/octets') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    } else {
      res.writeHead(404).end();
    }
  }, async (base) => {
    for (const path of ['/wsclose.wasm', '/octets']) {
      const exports = await loadWasm(`${base}${path}`);
      assert.equal(exports.wsclose_classify(4000), Category.PRIVATE, path);
      assert.equal(exports.wsclose_classify(1016), Category.RESERVED, path);
    }
    await assert.rejects(loadWasm(`${base}/missing.wasm`), /HTTP 404/);
  });
});

test('loads from a file: URL (Node.js, Deno) and from a path string URL, as the package itself does', async () => {
  const url = new URL('../dist/wsclose.wasm', import.meta.url);
  for (const source of [url, url.href]) {
    const exports = await loadWasm(source);
    assert.equal(exports.wsclose_classify(1000), Category.STANDARD);
  }
  // The package's own instance came from the file next to dist/index.js.
  assert.equal(wasm.wsclose_classify(3000), Category.REGISTERED);
  await assert.rejects(loadWasm(new URL('./missing.wasm', url)), { code: 'ENOENT' });
});

test('loads from bytes, and each instance has its own memory', async () => {
  const a = await loadWasm(bytes);
  const b = await loadWasm(new Uint8Array(bytes).buffer);
  assert.equal(a.wsclose_classify(5000), Category.OUT_OF_RANGE);
  assert.notEqual(a.memory, b.memory);
});
