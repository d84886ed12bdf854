// Accessibility check: opens each URL in Debian's Chromium (no browser download),
// runs axe-core with the WCAG 2.2 AA rules and prints the violations.
// usage: node scripts/axe-check.js URL [URL...]   (exit 1 if any violation)
// An argument "URL|FILE" shows the HTML saved in FILE (the answer to a POST)
// at URL, with the page's styles and scripts from the server.
const path = require('path');
const modules = process.env.LOTSE_NPM || path.join(__dirname, '..', '.tools', 'npm', 'node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));
const axeSource = require('fs').readFileSync(path.join(modules, 'axe-core', 'axe.min.js'), 'utf8');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const context = await browser.newContext({ bypassCSP: true });
  // LOTSE_COOKIE="name=value" signs the browser in (staff pages).
  if (process.env.LOTSE_COOKIE && process.argv[2]) {
    const [name, ...rest] = process.env.LOTSE_COOKIE.split('=');
    await context.addCookies([{ name, value: rest.join('='), url: process.argv[2].split('|')[0] }]);
  }
  let total = 0;
  try {
    for (const arg of process.argv.slice(2)) {
      const [url, file] = arg.split('|');
      const page = await context.newPage();
      if (file) {
        const body = require('fs').readFileSync(file, 'utf8');
        await page.route(url, route => route.fulfill({ body, contentType: 'text/html; charset=utf-8' }));
      }
      await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ content: axeSource });
      const r = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
      console.log(`${url}: ${r.violations.length} violations` + r.violations.map(v => `\n  - ${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | ')}`).join(''));
      total += r.violations.length;
      await page.close();
    }
  } finally { await browser.close(); }
  process.exit(total > 0 ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
