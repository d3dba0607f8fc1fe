// axe-check runs axe-core on bursa's public pages in headless Chromium at
// 360×740 and prints each page's violations. Not part of `go test` (it
// needs Node packages); run it against a demo server:
//
//   npm install lighthouse axe-core        # lighthouse brings puppeteer-core
//   node axe-check.mjs http://127.0.0.1:18205 /lowongan/183 /pemberi-kerja/46 /pelatihan/1
//
// The extra arguments are a vacancy, an employer and a program of that demo.
// Exit status 1 when any page has a violation.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const puppeteer = require('puppeteer-core');
const axeSource = require('fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [base, ...extra] = process.argv.slice(2);
const pages = ['/', '/lowongan', '/pelatihan', '/statistik', '/transparansi', '/pengaduan', ...extra];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let total = 0;
for (const p of pages) {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
  await page.goto(base + p, { waitUntil: 'load' });
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  total += r.violations.length;
  console.log(`${p}\t${r.violations.length} violations`);
  for (const v of r.violations) {
    console.log(`  ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 3)) console.log(`    ${n.target.join(' ')}`);
  }
  await page.close();
}
await browser.close();
process.exit(total ? 1 : 0);
