/**
 * Renders public/icon.svg into the PNG sizes the stores and browsers ask for (public/icon/<size>.png,
 * which WXT puts in the manifest). Run after changing the SVG: `npx tsx scripts/icons.ts`.
 * Chromium draws it, so no image library or download is needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const SIZES = [16, 32, 48, 96, 128];
const root = resolve(import.meta.dirname, '..');
const svg = readFileSync(resolve(root, 'public/icon.svg'), 'utf8');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewport({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`,
    );
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(resolve(root, `public/icon/${size}.png`), png);
  }
} finally {
  await browser.close();
}
