// Deno user of the installed npm package: a bare `wsclose` import resolved from node_modules (the
// project has a package.json), the module read through `node:fs` from a file: URL.
import { classify, Category, encodeClosePayload, PayloadError, ReconnectPolicy, profileByName, version } from 'wsclose';

const fail = (what) => { throw new Error(`deno: ${what}`); };
if (classify(4000) !== Category.PRIVATE) fail('classify(4000)');
if (encodeClosePayload(1001, 'bye').length !== 5) fail('encodeClosePayload');
try {
  encodeClosePayload(1000, '\ud800');
  fail('a lone surrogate was encoded');
} catch (error) {
  if (!(error instanceof PayloadError) || error.kind !== 'INVALID_UTF8') throw error;
}
if (!new ReconnectPolicy({ profile: profileByName('discord-gateway') }).decide(4004, true, 0).stop) fail('policy');
if (version() !== Deno.env.get('WSCLOSE_DIST_VERSION')) fail(`version ${version()}`);
console.log(`deno: wsclose ${version()} ok (Deno ${Deno.version.deno})`);
