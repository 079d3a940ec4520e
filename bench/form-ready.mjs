// Time from navigation to a usable form (BENCHMARKS.md): the page loaded cold (cache off)
// in Debian's Chromium, until every form of the page is live (`data-ready` on its alert
// region: typing now reaches the form's state), on the desktop and with the processor
// slowed four times (a cheap phone). Prints one line per page and setting: p50 and p95 ms.
//
// node bench/form-ready.mjs <base-url> <session-cookie name=value> <wizard path> <loads>
import { createRequire } from 'node:module';
const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

const [base, cookie, wizard, count] = process.argv.slice(2);
const n = Number(count ?? 10);
const [name, ...value] = cookie.split('=');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const pct = (a, p) => a[Math.min(a.length - 1, Math.round((a.length - 1) * p))];
const pages = [
  ['Se connecter', '/connexion', false],
  ['Créer un compte', '/creer-un-compte', false],
  ['Modifier mon compte', '/modifier-mon-compte', true],
  ['wizard tab 1', wizard, true],
];
console.log('page | CPU | p50 ms | p95 ms');
for (const [label, path, signed] of pages) {
  for (const rate of [1, 4]) {
    const context = await browser.newContext();
    if (signed) await context.addCookies([{ name, value: value.join('='), url: base }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const times = [];
    for (let i = 0; i < n; i++) {
      const start = Date.now();
      await page.goto(base + path);
      await page.waitForFunction(() => {
        const regions = [...document.querySelectorAll('.form-alert-region')];
        return regions.length > 0 && regions.every((e) => e.dataset.ready === 'true');
      }, undefined, { polling: 10 });
      times.push(Date.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`${label} | ${rate}x | ${pct(times, 0.5)} | ${pct(times, 0.95)}`);
    await context.close();
  }
}
await browser.close();
