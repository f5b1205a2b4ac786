// The package as bundlers and other loaders meet it: an esbuild bundle (for browsers and for
// Node.js) that carries the package's JavaScript and finds wsclose.wasm next to itself, and the
// public names, which are the package's contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as wsclose from 'wsclose';
import * as generated from '../dist/generated.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const ESBUILD = path.join(PACKAGE, 'node_modules/.bin/esbuild');

test('exports: the 26 API names of the former two packages, resetEvent, loadWasm, wasm, the reconnecting client and the generated constants', () => {
  const api = [
    'PayloadError', 'Profile', 'ReconnectPolicy', 'adviceLabel', 'categoryLabel', 'classify', 'classifyMany',
    'closeEvent', 'constName', 'description', 'encodeClosePayload', 'explain', 'info', 'isBrowserCloseable',
    'isLocalOnly', 'isOk', 'isSendable', 'name', 'pageClose', 'parseClosePayload', 'profileByName',
    'profileBySubprotocol', 'profiles', 'reconnect', 'reconnectLabel', 'version',
  ];
  assert.equal(api.length, 26);
  const client = ['ReconnectingWebSocket', 'ReconnectEvent', 'GiveUpEvent', 'SocketCloseEvent', 'SocketErrorEvent'];
  const expected = [...api, 'resetEvent', 'loadWasm', 'wasm', ...client, ...Object.keys(generated)].sort();
  assert.ok(Object.keys(generated).length > 10, 'the generated constants are missing');
  assert.deepEqual(Object.keys(wsclose).sort(), expected);
});

for (const platform of ['browser', 'node']) {
  test(`esbuild --platform=${platform}: the bundle runs with wsclose.wasm next to it`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wsclose-bundle-'));
    try {
      // Inside the package, so that `import … from 'wsclose'` resolves to it by its own name.
      const entry = path.join(PACKAGE, `.bundle-entry-${platform}.mjs`);
      writeFileSync(entry, "import { classify, info, Category } from 'wsclose';\n" +
        "import { ReconnectingWebSocket } from 'wsclose/reconnect';\n" +
        "console.log(classify(4000) === Category.PRIVATE, info(1001).name);\n" +
        "const client = new ReconnectingWebSocket('ws://127.0.0.1:9', undefined, { WebSocket: class {}, startClosed: true });\n" +
        "console.log(client.readyState === ReconnectingWebSocket.CLOSED);\n");
      try {
        execFileSync(ESBUILD, [entry, '--bundle', '--format=esm', `--platform=${platform}`, '--target=es2022',
          '--log-level=warning', `--outfile=${path.join(dir, 'app.mjs')}`], { stdio: 'pipe' });
      } finally {
        rmSync(entry, { force: true });
      }
      const bundle = readFileSync(path.join(dir, 'app.mjs'), 'utf8');
      assert.match(bundle, /wsclose\.wasm/);
      assert.doesNotMatch(bundle, /from ["']wsclose(?:\/reconnect)?["']/, 'the bundle still imports the package');
      copyFileSync(path.join(PACKAGE, 'dist/wsclose.wasm'), path.join(dir, 'wsclose.wasm'));
      const output = execFileSync(process.execPath, [path.join(dir, 'app.mjs')], { encoding: 'utf8' });
      assert.equal(output, 'true Going Away\ntrue\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
