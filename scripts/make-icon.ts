/**
 * Draws the app icon (resources/icon.png, 512×512) in Chromium, so the icon is made from text and a font rather
 * than a binary nobody can edit. Run once after changing the design: `npx tsx scripts/make-icon.ts`.
 * electron-builder makes the Windows .ico and the Linux sizes from this PNG.
 */
import path from 'node:path'
import { chromium } from '@playwright/test'

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } })
  await page.setContent(`<html><body style="margin:0;background:transparent">
    <div style="width:512px;height:512px;border-radius:96px;background:linear-gradient(160deg,#b8381e,#7a1f0c);
      display:flex;align-items:center;justify-content:center;box-sizing:border-box;border:14px solid #f2c14e">
      <span style="font:900 300px 'Noto Serif CJK SC','Noto Sans CJK SC',serif;color:#fff4d6;line-height:1">储</span>
    </div></body></html>`)
  await page.screenshot({ path: path.join(__dirname, '..', 'resources', 'icon.png'), omitBackground: true })
  await browser.close()
}
void main()
