// The explainer page and the documentation site in real browsers: Debian's Chromium (CDP) and
// Firefox ESR (WebDriver BiDi), driven by Puppeteer, never a downloaded browser.
//
//   node tests/site/run.mjs --site DIR --out DIR --checker CMD [--browser chromium|firefox]...
//
// For each browser, one launch:
// - the corpus (every standard code and the range boundaries with each wasClean, every payload
//   of the differential's event corpus, each profile's final codes) typed into the form; the
//   page's answers are read back from the page and written in the differential's format to
//   OUT/explainer-<browser>.txt, which CMD (`xtask differential-lines`) recomputes with the core;
// - every deep link loads the view it names, from a loopback server and from file://;
// - the keyboard alone fills the form and submits it;
// - at phone width nothing overflows sideways;
// - axe-core finds nothing serious or critical on the explainer's views and the book's pages;
// - screenshots of the 1006 and 4004 views at desktop and phone width: OUT/screenshots/.
// Exit status 0 when every check passed in every browser.
import { createServer } from 'node:http';
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { extname, join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const args = { browsers: [], site: join(root, 'site'), out: join(root, 'target', 'site'), checker: null };
  for (let i = 0; i < argv.length; i += 1) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--browser') args.browsers.push(value);
    else if (key === '--site') args.site = resolve(value);
    else if (key === '--out') args.out = resolve(value);
    else if (key === '--checker') args.checker = value;
    else throw new Error(`unknown argument ${key}`);
    i += 1;
  }
  if (args.browsers.length === 0) args.browsers = ['chromium', 'firefox'];
  if (args.checker === null) throw new Error('--checker CMD is required (xtask differential-lines)');
  return args;
}

const args = parseArgs(process.argv.slice(2));
const failures = [];
const fail = (browser, message) => {
  failures.push(`${browser}: ${message}`);
  console.error(`FAIL ${browser}: ${message}`);
};

// ---------------------------------------------------------------------------------------------
// A static server for site/ on loopback.
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.ico': 'image/x-icon' };
const server = createServer(async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = resolve(args.site, `.${path}`);
    if (!file.startsWith(args.site)) throw new Error('outside');
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

// ---------------------------------------------------------------------------------------------
// The corpus.
const parseCorpus = (await readFile(join(root, 'tests', 'differential', 'parse.txt'), 'utf8'))
  .split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => (l === '-' ? '' : l));
const codes = [0, 1, 999, ...Array.from({ length: 16 }, (_, i) => 1000 + i), 1016, 2999, 3000, 3999, 4000, 4999, 5000, 65535];
const cases = [];
for (const code of codes) for (const clean of ['', '0', '1']) cases.push({ code: String(code), clean });
for (const payload of parseCorpus) {
  cases.push({ payload: payload === '' ? '-' : payload }); // '-': the empty payload
}
// Each profile's final codes: read from the package (the same module), with the profile chosen.
const wsclose = await import(pathToFileURL(join(root, 'bindings', 'js', 'dist', 'index.js')).href);
for (const profile of wsclose.profiles()) {
  for (let code = 1000; code <= 4999; code += 1) {
    const row = profile.lookup(code);
    if (row !== null && row.advice === wsclose.Advice.STOP) cases.push({ code: String(code), clean: '1', profile: profile.name });
  }
  const sub = profile.subprotocols[0];
  if (sub !== undefined) cases.push({ code: '4000', clean: '1', subprotocol: sub });
}

// The deep links: fragment -> what the page must show.
const deepLinks = [
  { fragment: '#code=1006&clean=0', expect: { code: '1006', clean: '0' }, meaning: '1006' },
  { fragment: '#code=4004&profile=discord-gateway&engine=firefox&clean=1', expect: { code: '4004', profile: 'discord-gateway', engine: 'firefox', clean: '1' }, meaning: '4004', advice: 'STOP' },
  { fragment: '#payload=03e9627965', expect: { payload: '03e9627965' }, meaning: '1001' },
  { fragment: '#payload=03', expect: { payload: '03' }, meaning: '1006' },
  { fragment: '#payload=03&engine=firefox', expect: { payload: '03', engine: 'firefox' }, meaning: '1005' },
  { fragment: '#code=4004&profile=discord-gateway', expect: { code: '4004', profile: 'discord-gateway' }, meaning: '4004', advice: 'STOP' }, // as `wsclose 4004 --profile discord-gateway` prints it
  { fragment: '#code=4400&subprotocol=graphql-transport-ws', expect: { code: '4400', subprotocol: 'graphql-transport-ws' }, meaning: '4400', advice: 'STOP' },
];

// ---------------------------------------------------------------------------------------------
// Page helpers (run in the page).
async function submit(page, inputs) {
  const before = await page.$eval('#out', (out) => out.dataset.render ?? '0');
  await page.evaluate((inputs) => {
    const set = (id, value) => { document.getElementById(id).value = value; };
    set('code', inputs.code ?? '');
    set('payload', inputs.payload ?? '');
    set('clean', inputs.clean ?? '');
    set('profile', inputs.profile ?? '');
    set('subprotocol', inputs.subprotocol ?? '');
    set('engine', inputs.engine ?? 'chromium');
    document.querySelector('#form button[type=submit]').click();
  }, inputs);
  await page.waitForFunction((before) => {
    const out = document.getElementById('out');
    return out.dataset.render !== before && out.dataset.state !== 'loading';
  }, { timeout: 10000 }, before);
}

/** The view's answers in the differential's format, and the inconsistencies between what is shown and what is read. */
function readView() {
  const lines = [];
  const problems = [];
  const meaning = document.getElementById('meaning');
  if (meaning !== null) {
    const fact = (id) => meaning.querySelector(`[data-fact="${id}"]`);
    const v = (id) => fact(id)?.dataset.value ?? '?';
    lines.push(['code', meaning.dataset.code, v('category'), v('name'), v('const'), v('sendable'), v('local_only'),
      v('browser_closeable'), v('ok'), v('reconnect'), v('description')].join('\t'));
    for (const id of ['sendable', 'local_only', 'browser_closeable', 'ok']) {
      const shown = fact(id)?.textContent;
      if (shown !== (v(id) === '1' ? 'yes' : 'no')) problems.push(`${id} shows ${shown} for ${v(id)}`);
    }
    if (!meaning.querySelector('h2').textContent.startsWith(`${meaning.dataset.code}:`)) problems.push('the heading does not name the code');
  }
  for (const event of document.querySelectorAll('[data-event]')) lines.push(event.dataset.value);
  const table = document.querySelector('#browsers table');
  if (table !== null) {
    // The visible table shows the same codes as the answers.
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('th').textContent === 'CloseEvent.code');
    const shown = [...row.querySelectorAll('td')].map((td) => td.textContent);
    const read = [...document.querySelectorAll('[data-event]')].map((e) => e.dataset.value.split('\t')[3]);
    if (shown.join() !== read.join()) problems.push(`the table shows codes ${shown} for ${read}`);
  }
  const causes = document.getElementById('causes');
  if (causes !== null) {
    lines.push(causes.dataset.value);
    const named = causes.dataset.value.split('\t')[3];
    const count = named === '' ? 0 : named.split(',').length;
    if (causes.querySelectorAll('li').length !== count) problems.push(`${count} causes named, ${causes.querySelectorAll('li').length} shown`);
  }
  const advice = document.querySelector('[data-fact="advice"]');
  if (advice !== null && advice.dataset.value.startsWith('advice\t')) lines.push(advice.dataset.value);
  const problem = document.querySelector('[data-problem]');
  return { lines, problems, problem: problem?.dataset.problem ?? null, state: document.getElementById('out').dataset.state };
}

async function axe(page, label, browser) {
  await page.addScriptTag({ content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) fail(browser, `axe on ${label}: ${v.impact} ${v.id} (${v.nodes} nodes): ${v.help}`);
  return { label, violations: result.length, serious: bad.length };
}

// ---------------------------------------------------------------------------------------------
async function launch(browser) {
  if (browser === 'chromium') {
    return puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }
  return puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, protocol: 'webDriverBiDi' });
}

async function runBrowser(browser) {
  const t0 = Date.now();
  const instance = await launch(browser);
  const version = await instance.version();
  const page = await instance.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setViewport({ width: 1280, height: 900 });
  const url = `${base}/explainer.html`;
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('out').dataset.state !== 'loading', { timeout: 20000 });

  // 1. The corpus, typed into the form.
  const answers = [];
  let viewed = 0;
  for (const c of cases) {
    await submit(page, c);
    const view = await page.evaluate(readView);
    if (view.state !== 'ready') fail(browser, `${JSON.stringify(c)}: the page is in state ${view.state}`);
    for (const p of view.problems) fail(browser, `${JSON.stringify(c)}: ${p}`);
    if (view.lines.length === 0) fail(browser, `${JSON.stringify(c)}: no answers on the page (${view.problem})`);
    answers.push(...view.lines);
    viewed += 1;
  }
  const answerFile = join(args.out, `explainer-${browser}.txt`);
  await writeFile(answerFile, `${answers.join('\n')}\n`);
  try {
    console.log(execFileSync(args.checker.split(' ')[0], [...args.checker.split(' ').slice(1), answerFile], { encoding: 'utf8' }).trim());
  } catch (error) {
    fail(browser, `the page's answers differ from the core's:\n${error.stderr ?? error}`);
  }

  // 2. Deep links, served and from file://.
  const siteFile = pathToFileURL(join(args.site, 'explainer.html')).href;
  for (const origin of [url, siteFile]) {
    for (const link of deepLinks) {
      await page.goto('about:blank');
      await page.goto(`${origin}${link.fragment}`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.getElementById('out').dataset.state === 'ready', { timeout: 20000 }).catch(() => {});
      const got = await page.evaluate(() => ({
        form: Object.fromEntries(['code', 'payload', 'clean', 'profile', 'subprotocol', 'engine'].map((id) => [id, document.getElementById(id).value])),
        meaning: document.getElementById('meaning')?.dataset.code ?? null,
        advice: document.querySelector('[data-fact="advice"]')?.dataset.value ?? null,
        state: document.getElementById('out').dataset.state,
      }));
      const where = `${origin.startsWith('file:') ? 'file://' : 'served'} ${link.fragment}`;
      if (got.state !== 'ready') { fail(browser, `${where}: state ${got.state}`); continue; }
      for (const [key, value] of Object.entries(link.expect)) {
        if (got.form[key] !== value) fail(browser, `${where}: the form's ${key} is ${JSON.stringify(got.form[key])}, not ${value}`);
      }
      if (got.meaning !== link.meaning) fail(browser, `${where}: shows ${got.meaning}, not ${link.meaning}`);
      if (link.advice && !(got.advice ?? '').endsWith(`\t${link.advice}`)) fail(browser, `${where}: advice ${got.advice}`);
    }
  }

  // 3. The keyboard alone: Tab to the code field, type, Enter.
  await page.goto(`${url}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('out').dataset.state === 'ready', { timeout: 20000 });
  let reached = false;
  for (let i = 0; i < 12 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'code');
  }
  if (!reached) fail(browser, 'Tab never reaches the code field');
  await page.keyboard.type('1011');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('meaning')?.dataset.code === '1011', { timeout: 5000 })
    .catch(() => fail(browser, 'typing 1011 and Enter did not show 1011'));
  if (!(await page.evaluate(() => window.location.hash === '#code=1011'))) fail(browser, 'the fragment does not follow the form');

  // 4. Phone width, axe-core and screenshots.
  const shots = join(args.out, 'screenshots');
  await mkdir(shots, { recursive: true });
  const audits = [];
  for (const [label, fragment] of [['1006', '#code=1006&clean=0'], ['4004', '#code=4004&profile=discord-gateway&clean=1']]) {
    for (const [size, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      await page.setViewport(viewport);
      await page.goto('about:blank');
      await page.goto(`${url}${fragment}`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.getElementById('out').dataset.state === 'ready', { timeout: 20000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) fail(browser, `${label} at ${size} width overflows sideways by ${overflow} px`);
      await page.screenshot({ path: join(shots, `${browser}-${label}-${size}.png`), fullPage: true });
      if (size === 'desktop') audits.push(await axe(page, `explainer ${fragment}`, browser));
    }
  }
  await page.setViewport({ width: 1280, height: 900 });
  for (const book of ['index.html', 'explainer.html#payload=03', 'codes.html', 'browser-cases.html', 'profiles.html']) {
    await page.goto('about:blank');
    await page.goto(`${base}/${book}`, { waitUntil: 'load' });
    audits.push(await axe(page, book, browser));
  }
  for (const error of pageErrors) fail(browser, `page error: ${error}`);
  await instance.close();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`${browser} (${version}): ${viewed} views typed and checked (${answers.length} answers), ` +
    `${deepLinks.length * 2} deep links, axe on ${audits.length} pages (${audits.reduce((n, a) => n + a.violations, 0)} minor findings), in ${seconds} s`);
  if (viewed === 0 || answers.length === 0) fail(browser, 'no view was checked');
}

await mkdir(args.out, { recursive: true });
try {
  // The browsers side by side: each has its own process and page; the server is shared.
  await Promise.all(args.browsers.map((browser) => runBrowser(browser).catch((error) => {
    fail(browser, `stopped: ${error.stack ?? error}`);
  })));
} finally {
  server.close();
}
if (failures.length > 0) {
  console.error(`site tests: ${failures.length} failures`);
  process.exit(1);
}
console.log('site tests: every check passed');
