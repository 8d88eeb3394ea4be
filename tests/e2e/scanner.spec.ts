import { expect, test } from '@playwright/test'
import { IssuePage } from './pages/IssuePage'
import { ReceiptPage } from './pages/ReceiptPage'
import { TransferPage } from './pages/TransferPage'
import { apiCall, freshLot, receiveViaApi, TENT } from './support'

type SiteRow = { id: string; name: string; tier: string; status: string }
type Doc = { docNo: string; lines: Array<{ itemId: string; lotNo: string; quantity: number }> }
type DocList = Array<{ id: string; docNo: string }>

async function communitySite(request: Parameters<typeof apiCall>[0], n: number) {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  return sites.filter((s) => s.tier === 'community' && s.status === 'active')[n]
}

test('a keeper scans a lot label into the item field of an issue: the line gets the item and that lot, and posts from it', async ({ page, request }) => {
  const site = await communitySite(request, 13)
  const early = freshLot('E2E-SCA')
  const late = freshLot('E2E-SCB')
  // first-expiry-first-out would take `early`; the scan must choose `late`
  await receiveViaApi(request, site.id, [
    { itemId: TENT.id, lotNo: early, expiryDate: '2029-03-31', quantity: 5 },
    { itemId: TENT.id, lotNo: late, expiryDate: '2032-05-31', quantity: 5 },
  ])

  const issue = new IssuePage(page)
  await issue.open()
  await issue.selectSite(site.name)
  await issue.scan(page.getByTestId('line-0-item'), `WZ1|${TENT.id}|${late}`)
  await expect(page.getByTestId('line-0-item')).toContainText(TENT.label)
  await expect(page.getByTestId('line-0-lotselect')).toContainText(late)
  // the scanned code did not stay behind as search text, and the cursor waits in the quantity
  await expect(page.getByTestId('line-0-item')).not.toContainText('WZ1|')
  await page.keyboard.type('2')
  await expect(page.getByTestId('line-0-quantity')).toHaveValue('2')
  await issue.post()
  await expect(issue.docNo).toHaveAttribute('data-doc-no', /^CK/)
  const docNo = (await issue.docNo.getAttribute('data-doc-no'))!
  const docs = await apiCall<DocList>(request, 'stock.documents', { siteId: site.id, limit: 20 })
  const doc = await apiCall<Doc>(request, 'stock.document', { id: docs.find((d) => d.docNo === docNo)!.id })
  expect(doc.lines.map((l) => [l.itemId, l.lotNo, Math.abs(l.quantity)])).toEqual([[TENT.id, late, 2]])
})

test('a scan into the lot picker of a transfer fills the line too; a label of a lot the site does not hold says so', async ({ page, request }) => {
  const site = await communitySite(request, 14)
  const lot = freshLot('E2E-SCT')
  await receiveViaApi(request, site.id, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2031-01-31', quantity: 3 }])
  const transfer = new TransferPage(page)
  await transfer.open()
  await transfer.selectSite(site.name)
  await transfer.scan(page.getByTestId('line-0-item'), `WZ1|${TENT.id}|NOT-HERE-${lot}`)
  await expect(page.getByText(`本储备点没有批次 NOT-HERE-${lot} 的库存`)).toBeVisible()
  await expect(page.getByTestId('line-0-item')).toContainText(TENT.label)

  await transfer.scan(page.getByTestId('line-0-lotselect'), `WZ1|${TENT.id}|${lot}`)
  await expect(page.getByTestId('line-0-lotselect')).toContainText(lot)
})

test('a scan into the lot field of a receipt fills the item, lot number and the known lot\'s expiry', async ({ page, request }) => {
  const site = await communitySite(request, 15)
  const lot = freshLot('E2E-SCR')
  await receiveViaApi(request, site.id, [{ itemId: TENT.id, lotNo: lot, expiryDate: '2033-07-31', quantity: 1 }])
  const receipt = new ReceiptPage(page)
  await receipt.open()
  await receipt.selectSite(site.name)
  await receipt.scan(page.getByTestId('line-0-lot'), `WZ1|${TENT.id}|${lot}`)
  await expect(page.getByTestId('line-0-item')).toContainText(TENT.label)
  await expect(page.getByTestId('line-0-lot')).toHaveValue(lot)
  await expect(page.getByTestId('line-0-expiry')).toHaveValue('2033-07-31')

  // an unknown item code is refused with a message, the line stays as it was
  await receipt.scan(page.getByTestId('line-0-lot'), 'WZ1|NO-SUCH-ITEM|X1')
  await expect(page.getByText('扫码失败：物资编码 NO-SUCH-ITEM 不在物资目录中')).toBeVisible()
  await expect(page.getByTestId('line-0-item')).toContainText(TENT.label)
  await expect(page.getByTestId('line-0-lot')).toHaveValue(lot)
})
