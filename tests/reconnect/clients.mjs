// The four reconnecting clients of the side-by-side harness, each behind one small adapter:
// wsclose's ReconnectingWebSocket (the package's built dist, as `wsclose/reconnect` resolves),
// partysocket, reconnecting-websocket and sockette (npm, versions pinned in package.json). Every
// client opens its sockets through a `WebSocket` class the harness gives it (the `WebSocket`
// option; sockette takes the global one), so the harness sees each attempt the client makes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
/** The npm package `wsclose` (built by make js-build); WSCLOSE_JS_PACKAGE names another copy of it. */
export const JS_PACKAGE = path.resolve(process.env.WSCLOSE_JS_PACKAGE ?? path.join(ROOT, 'bindings', 'js'));

/** The installed version of an npm package of tests/reconnect. */
export function versionOf(name) {
  const file = path.join(here, 'node_modules', ...name.split('/'), 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

/**
 * The file `wsclose/<subpath>` resolves to, read from the package's own `exports` map (so that
 * the test loads what an installed package would), relative to bindings/js.
 */
export function wscloseExport(subpath) {
  const manifest = JSON.parse(fs.readFileSync(path.join(JS_PACKAGE, 'package.json'), 'utf8'));
  const entry = manifest.exports?.[subpath === '.' ? '.' : `./${subpath}`];
  const target = typeof entry === 'string' ? entry : entry?.import ?? entry?.default;
  if (typeof target !== 'string') throw new Error(`bindings/js/package.json exports no "${subpath}"`);
  const file = path.join(JS_PACKAGE, target);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run make js-build`);
  return path.relative(JS_PACKAGE, file);
}

/**
 * The libraries, each `{ name, version, load(), open(Class, url, protocols, options) }`; open
 * returns `{ close(), events }` (events: what the client reported, in order).
 */
export const LIBRARIES = [
  {
    name: 'wsclose',
    version: null,
    async load() {
      const { ReconnectingWebSocket } = await import(pathToFileURL(path.join(JS_PACKAGE, wscloseExport('reconnect'))).href);
      return ReconnectingWebSocket;
    },
    open(Client, url, protocols, { WebSocket, profile }) {
      const events = [];
      const options = { WebSocket };
      if (profile) options.profile = profile;
      const client = new Client(url, protocols ?? undefined, options);
      for (const type of ['reconnect', 'giveup']) {
        client.addEventListener(type, (event) => {
          events.push({ type, at: Date.now(), reason: event.reason ?? null, decision: event.decision ?? null });
        });
      }
      return { close: () => client.close(), events };
    },
  },
  {
    name: 'partysocket',
    version: versionOf('partysocket'),
    async load() {
      return (await import('partysocket/ws')).default;
    },
    open(Client, url, protocols, { WebSocket }) {
      const client = new Client(url, protocols ?? undefined, { WebSocket });
      return { close: () => client.close(), events: [] };
    },
  },
  {
    name: 'reconnecting-websocket',
    version: versionOf('reconnecting-websocket'),
    async load() {
      return (await import('reconnecting-websocket')).default;
    },
    open(Client, url, protocols, { WebSocket }) {
      const client = new Client(url, protocols ?? undefined, { WebSocket });
      return { close: () => client.close(), events: [] };
    },
  },
  {
    name: 'sockette',
    version: versionOf('sockette'),
    async load() {
      return (await import('sockette')).default;
    },
    // sockette opens `new WebSocket(url, protocols)` with the global WebSocket (none in Node.js 20).
    open(Sockette, url, protocols, { WebSocket }) {
      const previous = globalThis.WebSocket;
      globalThis.WebSocket = WebSocket;
      const client = Sockette(url, { protocols: protocols ?? [] });
      return {
        close: () => {
          client.close();
          if (previous === undefined) delete globalThis.WebSocket;
          else globalThis.WebSocket = previous;
        },
        events: [],
      };
    },
  },
];
