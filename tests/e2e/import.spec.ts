import { expect, test } from '@playwright/test'
import iconv from 'iconv-lite'
import { ImportPage } from './pages/ImportPage'
import { StockPage } from './pages/StockPage'
import { apiCall, freshLot } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }

/** A community point no other spec posts at. */
async function quietPoint(request: Parameters<typeof apiCall>[0], nth: number): Promise<SiteRow> {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  return sites.filter((s) => s.tier === 'community' && s.status === 'active')[nth]
}

const HEAD = '物资编码,物资名称,单位,批次号,生产日期,有效期至,数量,单价（元）,供应商'

test('a GBK CSV from Chinese Excel imports exactly and the stock grid shows it', async ({ page, request }) => {
  const site = await quietPoint(request, 3)
  const tent = freshLot('E2E-IMT')
  const water = freshLot('E2E-IMW')
  const csv = [HEAD,
    ` SH-001 ,帐篷,顶,${tent},,,１２,1800,松江物资公司`,
    `SP-001,饮用水,箱,${water},2025年3月1日,2027/3/1,"1,200",30,`,
  ].join('\r\n')
  const importer = new ImportPage(page)
  await importer.open()
  await importer.pickSite(site.name)
  await importer.choose('期初库存.csv', iconv.encode(csv, 'gbk'))
  await expect(importer.summary).toHaveAttribute('data-errors', '0')
  await expect(importer.summary).toContainText('共 2 行，可导入 2 行，错误 0 处')
  await expect(page.getByText('编码：GB18030')).toBeVisible()
  await expect(importer.cell(3, 4)).toHaveText('2025年3月1日')
  await expect(importer.postButton).toBeEnabled()
  await importer.postButton.click()
  await expect(importer.docNo).toContainText(/已导入 2 行，生成入库单 RK\d{8}-/)

  const stock = new StockPage(page)
  await stock.open()
  await stock.filterSite(site.name)
  await stock.searchFor(tent)
  await stock.expectTotal(1)
  await expect(stock.cell(0, 'quantity')).toHaveText('12')
  await stock.searchFor(water)
  await stock.expectTotal(1)
  await expect(stock.cell(0, 'quantity')).toHaveText('1,200')
})

test('a file with an impossible date marks that row and field, cannot be posted, and posts nothing', async ({ page, request }) => {
  const site = await quietPoint(request, 4)
  const good = freshLot('E2E-IMG')
  const bad = freshLot('E2E-IMB')
  const csv = [HEAD, `SP-001,饮用水,箱,${good},2025-01-01,2027-01-01,5,,`, `SP-001,饮用水,箱,${bad},2025-02-30,2027-01-01,5,,`].join('\n')
  const importer = new ImportPage(page)
  await importer.open()
  await importer.pickSite(site.name)
  await importer.choose('入库.csv', Buffer.from(csv, 'utf8'))
  await expect(importer.summary).toHaveAttribute('data-errors', '1')
  await expect(importer.cell(3, 4)).toHaveClass(/import-cell-error/)
  await expect(importer.cell(3, 4)).toHaveText('2025-02-30')
  await expect(importer.cell(2, 4)).not.toHaveClass(/import-cell-error/)
  await expect(importer.problems(3)).toContainText('第 3 行')
  await expect(importer.problems(3)).toContainText('生产日期')
  await expect(importer.postButton).toBeDisabled()

  const stock = new StockPage(page)
  await stock.open()
  await stock.filterSite(site.name)
  await stock.searchFor(good)
  await stock.expectTotal(0)
})

test('headers that differ from the template are mapped by the keeper, then import', async ({ page, request }) => {
  const site = await quietPoint(request, 5)
  const lot = freshLot('E2E-IMM')
  const csv = `货品代码,件数,批次编号,保质到\nSP-001,7,${lot},2027-06-01\n`
  const importer = new ImportPage(page)
  await importer.open()
  await importer.pickSite(site.name)
  await importer.choose('别人的表.csv', Buffer.from(csv, 'utf8'))
  await expect(page.getByTestId('import-mapping')).toBeVisible()
  await expect(page.getByTestId('import-file-errors')).toContainText('数量')
  await expect(importer.postButton).toBeDisabled()
  for (const [field, header] of [['itemCode', '货品代码'], ['quantity', '件数'], ['lotNo', '批次编号'], ['expiryDate', '保质到']]) {
    await page.getByTestId(`map-${field}`).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: header }).click()
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0)
  }
  await expect(importer.summary).toHaveAttribute('data-errors', '0')
  await importer.postButton.click()
  await expect(importer.docNo).toContainText('已导入 1 行')
})
