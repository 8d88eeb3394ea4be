import { expect, test } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { LoginPage } from './pages/LoginPage'
import { ReportsPage } from './pages/ReportsPage'
import { YUEYANG_DEPOT, YUEYANG_DEPOT_ID, apiCall, freshLot } from './support'

const todayCst = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

test('a street submits its receipt report, the district returns it with a reason, the corrected version is approved and exported', async ({ browser, request }) => {
  const docId = randomUUID()
  const lot = freshLot('E2E-RPT')
  const posted = await apiCall<{ docNo: string }>(request, 'stock.receive', {
    id: docId, siteId: YUEYANG_DEPOT_ID, docDate: todayCst(), subtype: '采购入库', lines: [{ itemId: 'SH-001', lotNo: lot, quantity: 12 }],
  })

  const signedIn = async (user: string, password: string) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, acceptDownloads: true })
    const page = await context.newPage()
    const login = new LoginPage(page)
    await login.open()
    await login.signIn(user, password)
    await expect(page.getByTestId('user-name')).toBeVisible()
    const reports = new ReportsPage(page)
    await reports.open()
    return { context, page, reports }
  }

  // the street planner: the receipt is due (5 working days), previewed from the ledger and submitted
  const street = await signedIn('planner.yueyang', 'Plan2026')
  await street.reports.previewAndSubmit('receipt', docId, lot)
  await expect(street.reports.row(posted.docNo, 1).getByTestId('report-status')).toHaveText('待审核')
  // a street cannot review (no approve button on its own report)
  await expect(street.reports.row(posted.docNo, 1).getByTestId('report-approve')).toHaveCount(0)

  // the district planner returns it: a reason is required
  const district = await signedIn('planner', 'Plan2026')
  await district.reports.tab('已报送')
  await district.reports.row(posted.docNo, 1).getByTestId('report-return').click()
  await district.page.getByTestId('report-return-ok').click()
  await expect(district.page.locator('.ant-message')).toContainText('退回必须填写退回原因')
  await district.page.getByTestId('report-return-reason').fill('请核对供应商')
  await district.page.getByTestId('report-return-ok').click()
  await expect(district.reports.row(posted.docNo, 1).getByTestId('report-status')).toHaveText('被退回')

  // the street sees the reason and resubmits: version 2
  await street.reports.open()
  await street.reports.tab('已报送')
  await expect(street.reports.row(posted.docNo, 1)).toContainText('请核对供应商')
  await street.reports.tab('应报与逾期')
  await street.reports.previewAndSubmit('receipt', docId, lot)
  await expect(street.reports.row(posted.docNo, 2).getByTestId('report-status')).toHaveText('待审核')

  // the district approves version 2 and exports it in its filing layout
  await district.reports.open()
  await district.reports.tab('已报送')
  await district.reports.row(posted.docNo, 2).getByTestId('report-approve').click()
  await district.page.locator('.ant-modal-confirm-btns .ant-btn-primary').click()
  await expect(district.reports.row(posted.docNo, 2).getByTestId('report-status')).toHaveText('已通过')
  await district.reports.row(posted.docNo, 2).getByRole('button', { name: /查\s*看/ }).click()
  await expect(district.page.getByTestId('report-frozen')).toContainText(YUEYANG_DEPOT)
  const [download] = await Promise.all([district.page.waitForEvent('download'), district.page.getByTestId('report-export').click()])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(await download.path())
  const ws = wb.worksheets[0]
  expect(String(ws.getCell(1, 1).value)).toContain('入库验收报告')
  const values: string[] = []
  ws.eachRow((r) => values.push(r.values ? JSON.stringify(r.values) : ''))
  expect(values.join('\n')).toContain(lot)
  expect(values.join('\n')).toContain('已通过')
  await street.context.close()
  await district.context.close()
})
