// The alternative a team would reach for (BENCHMARKS.md): headless Chromium (Debian's,
// driven by Playwright from end2end/) printing the portal's printable récapitulatif page to
// PDF. The page is loaded once (signed in with the given cookie); then it is printed N times
// in the warm browser, and loaded + printed N times more.
//
// node bench/print-pdf.mjs <base-url> <session-cookie name=value> <path> <renders>
import { createRequire } from 'node:module';
const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

const [base, cookie, path, count] = process.argv.slice(2);
const n = Number(count ?? 50);
const [name, ...value] = cookie.split('=');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext();
await context.addCookies([{ name, value: value.join('='), url: base }]);
const page = await context.newPage();
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const pct = (a, p) => a[Math.min(a.length - 1, Math.round((a.length - 1) * p))];

let t = process.hrtime.bigint();
await page.goto(base + path, { waitUntil: 'networkidle' });
let pdf = await page.pdf({ format: 'A4', printBackground: true });
const cold = ms(t);
if (pdf.length < 1000) throw new Error('no PDF');

const warm = [];
const start = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  t = process.hrtime.bigint();
  pdf = await page.pdf({ format: 'A4', printBackground: true });
  warm.push(ms(t));
}
const perS = n / (ms(start) / 1000);
const loaded = [];
for (let i = 0; i < n; i++) {
  t = process.hrtime.bigint();
  await page.goto(base + path, { waitUntil: 'load' });
  pdf = await page.pdf({ format: 'A4', printBackground: true });
  loaded.push(ms(t));
}
warm.sort((a, b) => a - b);
loaded.sort((a, b) => a - b);
console.log(
  `chromium renders=${n} per_s=${perS.toFixed(1)} p50_ms=${pct(warm, 0.5).toFixed(2)} p95_ms=${pct(warm, 0.95).toFixed(2)} ` +
    `load_and_print_p50_ms=${pct(loaded, 0.5).toFixed(2)} cold_ms=${cold.toFixed(1)} pdf_bytes=${pdf.length}`,
);
await browser.close();
