/** System (backup, restore, sync status): the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  BACKUP_INVALID: { zh: (p) => `备份文件不可用：${p.reason}`, en: (p) => `The backup file cannot be used: ${p.reasonEn ?? p.reason}` },
  BACKUP_OTHER_DISTRICT: {
    zh: (p) => `备份文件属于另一个区（${p.other}），不能恢复到本系统（${p.own}）`,
    en: (p) => `The backup belongs to another district (${p.other}), not this one (${p.own})`,
  },
  NEGATIVE_STOCK_OPEN: { zh: (p) => `该批次结存仍为 ${p.balance}：盘点或补录单据使结存不再为负后，此项自动消失`, en: (p) => `This lot's balance is still ${p.balance}: once a stocktake or a correcting document brings it back to zero or above, this entry goes away` },
  ITEM_CODE_CLASH_OPEN: { zh: (p) => `物资编码 ${p.code} 仍由 ${p.count} 种物资同时使用：在物资目录中修改其中一个的编码后，此项自动消失`, en: (p) => `Item code ${p.code} is still used by ${p.count} items: change one of them in the catalogue and this entry goes away` },
  SITE_CODE_CLASH_OPEN: { zh: (p) => `编码 ${p.code} 仍由 ${p.count} 个储备点同时使用：在储备网络中修改其中一个的编码后，此项自动消失`, en: (p) => `Code ${p.code} is still used by ${p.count} sites: rename one of them on the network page and this entry goes away` },
  RESTORING: { zh: () => '正在恢复备份，请稍候几秒后重试', en: () => 'A backup is being restored: try again in a few seconds' },
  RESTORE_NEEDS_APP: { zh: () => '只能在运行中的系统里恢复备份', en: () => 'A backup can only be restored in the running app' },
})
