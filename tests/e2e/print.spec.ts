import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { IssuePage } from './pages/IssuePage'
import { freshLot, quietCommunity, receiveViaApi, TENT } from './support'


test('a keeper prints a posted 出库单 to PDF, and the PDF carries its number, lines and signature lines', async ({ page, request }) => {
  const site = await quietCommunity(request, 9)
  const lot = freshLot('E2E-PR')
  await receiveViaApi(request, site.id, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-06-30', quantity: 10 }])

  const issue = new IssuePage(page)
  await issue.open()
  await issue.selectSite(site.name)
  await issue.fillLine(0, TENT.search, TENT.label, 3)
  await issue.post()
  await expect(issue.docNo).toHaveAttribute('data-doc-no', /^CK/)
  const docNo = (await issue.docNo.getAttribute('data-doc-no'))!

  await page.getByTestId('print-doc').click()
  await expect(page.getByTestId('form-title')).toHaveText('出库单')
  await expect(page.getByTestId('form-doc-no')).toHaveText(docNo)
  await expect(page.getByTestId('form-total')).toHaveText('3')

  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('print-now')).toBeHidden()
  const file = path.join(os.tmpdir(), `${docNo}.pdf`)
  fs.writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }))
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  fs.rmSync(file)
  expect(text).toContain(docNo)
  expect(text.replace(/\s+/g, '')).toContain('出库单')
  expect(text).toContain(lot)
  expect(text.replace(/\s+/g, '')).toContain(`储备点：${site.name}`)
  for (const sign of ['经办人', '保管员', '负责人']) expect(text).toContain(sign)
})
