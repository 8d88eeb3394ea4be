import { expect, test } from '@playwright/test'
import { AgreementsPage } from './pages/AgreementsPage'
import { CompliancePage } from './pages/CompliancePage'
import { apiCall } from './support'

const DEPOT = '松江区救灾物资储备库'

test('a planner adds an agreement and sees compliance change as the counting rule says', async ({ page }) => {
  const comp = new CompliancePage(page)
  await comp.open()
  await comp.setRule('100%')
  await expect(comp.heat).toContainText(DEPOT)
  await comp.openSite(DEPOT)
  // An item the district depot holds less of than its target.
  const shortRow = comp.detail.locator('tr.ant-table-row').filter({ has: page.locator('.ant-tag', { hasText: /^差 \d+$/ }) }).first()
  const itemCell = (await shortRow.locator('td').first().innerText()).trim()
  const [code, name] = itemCell.split(/\s+/)
  const shortfall = Number((await shortRow.locator('.ant-tag', { hasText: /^差/ }).innerText()).replace(/\D/g, ''))
  expect(shortfall).toBeGreaterThan(1)
  await expect(comp.detailRow(code).locator('td').nth(5)).toHaveText('0') // no agreement yet
  await comp.closeDetail()

  const ag = new AgreementsPage(page)
  await ag.open()
  // A credit code with a wrong check character is refused, in Chinese, on the field.
  await ag.addPartner('上海联华超市有限公司', '91310000132200821A')
  await expect(ag.partnerForm()).toContainText('统一社会信用代码 91310000132200821A 不正确：校验码不符')
  await page.getByTestId('partner-credit-code').fill('91310000132200821H')
  await page.getByTestId('partner-save').click()
  await expect(ag.partnerForm()).toBeHidden()
  await ag.addMaterialsAgreement({
    partner: '上海联华超市有限公司', no: 'XY-2026-E2E', validTo: '2099-12-31', tier: '区级储备库', region: '松江区', item: code, quantity: shortfall,
  })
  await expect(ag.table).toContainText('XY-2026-E2E')
  await expect(ag.table.locator('tr', { hasText: 'XY-2026-E2E' }).getByTestId('agreement-state')).toHaveText('有效')
  // the signed agreement is attached and kept
  await ag.table.locator('tr', { hasText: 'XY-2026-E2E' }).locator('.ant-table-row-expand-icon').click()
  await page.getByTestId('agreement-attachments').locator('input[type=file]').setInputFiles({ name: '联华代储协议.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 e2e') })
  await expect(page.getByTestId('agreement-attachments')).toContainText('联华代储协议.pdf')

  await comp.open()
  await comp.openSite(DEPOT)
  const row = comp.detailRow(code)
  await expect(row).toContainText(name)
  await expect(row.locator('td').nth(5)).toHaveText(String(shortfall))
  await expect(row.locator('.ant-tag', { hasText: '达标' })).toBeVisible() // 100 %: the agreement fills the gap
  await comp.closeDetail()

  await comp.setRule('50%')
  await comp.openSite(DEPOT)
  await expect(comp.detailRow(code).locator('.ant-tag', { hasText: /^差/ })).toHaveText(`差 ${Math.ceil(shortfall / 2)}`)
  await comp.closeDetail()

  await comp.setRule('不计入')
  await comp.openSite(DEPOT)
  await expect(comp.detailRow(code).locator('.ant-tag', { hasText: /^差/ })).toHaveText(`差 ${shortfall}`)
  await comp.closeDetail()
  await comp.setRule('100%')
})

test('the heat table colours every site by category and drills down to one category', async ({ page }) => {
  const comp = new CompliancePage(page)
  await comp.open()
  await expect(comp.rate.locator('.ant-statistic-content-value')).toHaveText(/^\d+(\.\d)?$/)
  const row = comp.siteRow(DEPOT)
  const cell = row.getByTestId('heat-cell').first()
  const [met, required] = (await cell.innerText()).split('/').map(Number)
  expect(required).toBeGreaterThan(0)
  expect(met).toBeLessThanOrEqual(required)
  await cell.click()
  // Only that category's items, and as many required ones as the cell counted.
  const rows = comp.detail.locator('tr.ant-table-row')
  await expect(rows.first()).toBeVisible()
  const requiredRows = rows.filter({ hasNot: page.locator('.ant-tag', { hasText: '推荐' }) })
  await expect(requiredRows).toHaveCount(required)
  await expect(requiredRows.filter({ has: page.locator('.ant-tag', { hasText: '达标' }) })).toHaveCount(met)
})

test('the dashboard shows planners coverage, compliance, value expiring and agreements as charts', async ({ page, request }) => {
  const partner = await apiCall<{ id: string }>(request, 'agreements.savePartner', { name: '松江运输公司' })
  await apiCall(request, 'agreements.save', {
    partnerId: partner.id, agreementNo: 'YL-E2E', kind: 'transport', validFrom: '2026-01-01', validTo: '2099-01-01',
    lines: [{ vehicleType: '厢式货车', vehicleCount: 4, vehicleCapacity: '5吨' }],
  })
  await page.goto('./#/dashboard')
  const charts = page.getByTestId('planner-charts')
  for (const id of ['chart-coverage', 'chart-compliance', 'chart-expiring', 'chart-agreements']) {
    await expect(charts.getByTestId(id).locator('canvas')).toBeVisible()
  }
  await charts.getByText('储备协议').click()
  await expect(page.getByTestId('agreements-page')).toBeVisible()
})
