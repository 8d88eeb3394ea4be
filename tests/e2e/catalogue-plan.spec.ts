/**
 * Issue 4's last parts as a reserve planner does them: import a small catalogue from Excel, edit an agreement's
 * committed quantity, and set next year's price so that year's plan is budgeted at it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { loadExcel } from '../../core/common/xlsx'
import { ImportPage } from './pages/ImportPage'
import { AgreementsPage } from './pages/AgreementsPage'
import { pickOption } from './pages/antd'
import { apiCall } from './support'

const runTag = () => Date.now().toString(36).toUpperCase().slice(-5)

async function catalogueXlsx(rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const Excel = await loadExcel()
  const wb = new Excel.Workbook()
  const ws = wb.addWorksheet('指导目录')
  ws.addRow(['物资编码', '物资名称', '类别', '单位', '规格', '保质期（天）', '可回收', '批次管理', '单价（元）'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer)
}

async function chooseSelect(page: Page, select: Locator, option: string) {
  await select.click()
  const opt = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).first()
  await expect(opt).toBeVisible()
  await opt.click()
}

test('a planner imports a small catalogue from Excel and sees the items', async ({ page, request }) => {
  const tag = runTag()
  const importer = new ImportPage(page)
  await importer.open()
  await chooseSelect(page, page.getByTestId('import-kind'), '物资目录')
  // first a file with a bad row: named by row and field, and nothing can be posted
  await importer.choose('指导目录.xlsx', await catalogueXlsx([
    [`A0B-${tag}1`, '防汛沙袋', '防汛', '只', '50×80cm', null, '否', '否', 3.5],
    [`A0B-${tag}2`, '', '照明类', '台', null, null, '否', '否', 85],
  ]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  await expect(importer.summary).toHaveAttribute('data-errors', '1')
  await expect(importer.problems(3)).toHaveText('第 3 行 物资名称：不能为空')
  await expect(importer.postButton).toBeDisabled()

  await importer.choose('指导目录.xlsx', await catalogueXlsx([
    [`A0B-${tag}1`, '防汛沙袋', '防汛', '只', '50×80cm', null, '否', '否', 3.5],
    [`A0B-${tag}2`, '应急照明灯（充电式）', '照明类', '台', 'LED 20W', null, '否', '否', 85],
  ]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  await expect(importer.summary).toHaveAttribute('data-errors', '0')
  await expect(importer.summary).toContainText('新增 2 种，修改 0 种')
  await importer.postButton.click()
  await expect(page.getByTestId('import-posted')).toContainText('已导入 2 种物资（新增 2，修改 0）')

  await page.goto('./#/catalogue')
  const table = page.getByTestId('items-table')
  const lamp = table.locator('tr.ant-table-row', { hasText: `A0B-${tag}2` })
  await expect(lamp).toContainText('应急照明灯（充电式）')
  await expect(lamp).toContainText('LED 20W')
  await expect(lamp).toContainText('85')
  const items = await apiCall<Array<{ code: string }>>(request, 'catalogue.items', {})
  expect(items.map((i) => i.code)).toEqual(expect.arrayContaining([`A0B-${tag}1`, `A0B-${tag}2`]))
})

test('a planner edits an agreement\'s committed quantity and sees it saved', async ({ page, request }) => {
  const tag = runTag()
  const { id: partnerId } = await apiCall<{ id: string }>(request, 'agreements.savePartner', { name: `松江粮油公司${tag}` })
  const { id } = await apiCall<{ id: string }>(request, 'agreements.save', {
    partnerId, agreementNo: `XY-${tag}`, kind: 'materials', validFrom: '2026-01-01', validTo: '2028-12-31', tier: 'district', regionCode: '310117000000',
    lines: [{ itemId: 'SP-001', quantity: 300 }],
  })
  const agreements = new AgreementsPage(page)
  await agreements.open()
  const row = agreements.table.locator('tr.ant-table-row', { hasText: `XY-${tag}` })
  await row.getByTestId('agreement-edit').click()
  const form = page.getByTestId('agreement-form')
  const quantity = form.locator('input[data-testid="agreement-line-quantity"], [data-testid="agreement-line-quantity"] input').first()
  await expect(quantity).toHaveValue('300')
  await expect(form.getByTestId('agreement-no')).toHaveValue(`XY-${tag}`)
  await quantity.fill('450')
  await pickOption(page, form.getByTestId('agreement-status'), '', '终止')
  await page.getByTestId('agreement-save').click()
  await expect(form).toBeHidden()

  await expect(row.getByTestId('agreement-state')).toHaveText('已终止')
  await row.locator('.ant-table-row-expand-icon').click()
  await expect(page.locator('.agreement-lines').filter({ hasText: '× 450' })).toBeVisible()
  const saved = (await apiCall<Array<{ id: string; status: string; lines: Array<{ quantity: number }> }>>(request, 'agreements.list', {})).filter((a) => a.id === id)
  expect(saved).toEqual([expect.objectContaining({ status: 'ended', lines: [expect.objectContaining({ quantity: 450 })] })])
})

test('a planner sets 2027\'s price and sees the 2027 plan\'s budget change', async ({ page, request }) => {
  const tag = runTag()
  const code = `A0J-${tag}` // sorts first: the line is on the plan's first page
  const { id: itemId } = await apiCall<{ id: string }>(request, 'catalogue.saveItem', {
    code, name: '折叠担架', category: '救生类', unit: '副', returnable: true, lotTracked: false, unitPrice: 100,
  })
  for (const planYear of [2026, 2027]) {
    await apiCall(request, 'catalogue.saveTarget', { planYear, tier: 'district', itemId, mode: 'fixed', quantity: 5, required: true })
  }
  const planRow = () => page.getByTestId('plan-table').locator('tr.ant-table-row', { hasText: code })
  const openPlan = async (year: number) => {
    await page.getByRole('tab', { name: '年度计划' }).click()
    await chooseSelect(page, page.getByTestId('plan-year'), String(year))
  }
  await page.goto('./#/catalogue')
  await openPlan(2027)
  const sites = await apiCall<Array<{ tier: string; status: string }>>(request, 'network.sites', {})
  const districtSites = sites.filter((s) => s.tier === 'district' && s.status === 'active').length
  const budget = (price: number) => (5 * districtSites * price).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const budgetCell = () => planRow().locator('td').nth(11)
  await expect(budgetCell()).toHaveText(budget(100))

  await page.getByRole('tab', { name: '物资目录' }).click()
  await chooseSelect(page, page.getByTestId('items-year'), '2027')
  const itemRow = page.getByTestId('items-table').locator('tr.ant-table-row', { hasText: code })
  await itemRow.getByTestId('item-year-edit').click()
  const form = page.getByTestId('version-form')
  await form.locator('input[data-testid="version-price"], [data-testid="version-price"] input').first().fill('120')
  await page.getByTestId('version-save').click()
  await expect(form).toBeHidden()
  await expect(itemRow.getByTestId('item-year-price')).toHaveText('120')

  await openPlan(2027)
  await expect(budgetCell()).toHaveText(budget(120))
  // 2026 keeps the item's own price
  await openPlan(2026)
  await expect(budgetCell()).toHaveText(budget(100))
})
