/** English texts, assembled from each capability's i18n.ts. Typed by the Chinese file: a missing or extra key is a compile error. */
import type { Messages } from './zh'
import * as shell from '../shell/i18n'
import * as auth from '../features/auth/i18n'
import * as users from '../features/users/i18n'
import * as audit from '../features/audit/i18n'
import * as backup from '../features/backup/i18n'
import * as later from '../features/later/i18n'
import * as dashboard from '../features/dashboard/i18n'
import * as network from '../features/network/i18n'
import * as coverage from '../features/coverage/i18n'
import * as agreements from '../features/agreements/i18n'
import * as catalogue from '../features/catalogue/i18n'
import * as nationalCodes from '../features/catalogue/codes-i18n'
import * as writeoffApproval from '../features/writeoff/approval-i18n'
import * as stock from '../features/stock/i18n'
import * as common from '../common/i18n'
import * as receipt from '../features/receipt/i18n'
import * as dispatch from '../features/dispatch/i18n'
import * as issue from '../features/issue/i18n'
import * as alerts from '../features/alerts/i18n'
import * as labels from '../features/labels/i18n'
import * as print from '../features/print/i18n'
import * as imports from '../features/import/i18n'
import * as sync from '../features/sync/i18n'
import * as readiness from '../features/readiness/i18n'
import * as firstrun from '../features/firstrun/i18n'
import * as reports from '../features/reports/i18n'

export const en: Messages = {
  ...shell.en,
  ...auth.en,
  ...users.en,
  ...audit.en,
  ...backup.en,
  ...later.en,
  ...dashboard.en,
  ...network.en,
  ...coverage.en,
  ...agreements.en,
  ...catalogue.en,
  ...nationalCodes.en,
  ...writeoffApproval.en,
  ...stock.en,
  ...common.en,
  ...receipt.en,
  ...dispatch.en,
  ...issue.en,
  ...alerts.en,
  ...labels.en,
  ...print.en,
  ...imports.en,
  ...sync.en,
  ...readiness.en,
  ...firstrun.en,
  ...reports.en,
}
