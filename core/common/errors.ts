/**
 * Errors a person can cause. Each carries a code and parameters; the sentence is made in the user's language
 * at the edge (HTTP answer, IPC answer, UI), so the same error reads in Chinese or English.
 */
export type Lang = 'zh' | 'en'

type Params = Record<string, string | number | undefined | null>
type Template = (p: Params) => string

const messages: Record<string, { zh: Template; en: Template }> = {
  VALIDATION: {
    zh: (p) => `${p.where ? `${p.where}：` : ''}${p.detail ?? '输入不正确'}`,
    en: (p) => `${p.whereEn ? `${p.whereEn}: ` : ''}${p.detailEn ?? p.detail ?? 'invalid input'}`,
  },
  SYNC_FOLDER_MISSING: { zh: (p) => `同步文件夹不存在或无法访问：${p.folder}`, en: (p) => `The sync folder does not exist or cannot be reached: ${p.folder}` },
  SYNC_FOLDER_INVALID: { zh: (p) => `该文件夹不是本系统的同步文件夹（format.json 无法识别）：${p.folder}`, en: (p) => `Not a sync folder of this app (format.json unreadable): ${p.folder}` },
  SYNC_FOLDER_NEWER: { zh: (p) => `同步文件夹由更新版本的软件创建（格式 ${p.format}），请先升级本软件`, en: (p) => `The sync folder was made by a newer version (format ${p.format}); please upgrade first` },
  SYNC_FOLDER_OTHER_DISTRICT: { zh: (p) => `该同步文件夹属于其他区（${p.district}），不能混用`, en: (p) => `The sync folder belongs to another district (${p.district})` },
  SYNC_RUNNING: { zh: () => '正在同步，请等这次同步完成后再试（进度见同步页面）', en: () => 'A sync is already running; wait until it finishes (see its progress on the sync page)' },
  SYNC_FAILED: { zh: (p) => `同步失败：${p.detail ?? ''}`, en: (p) => `The sync failed: ${p.detail ?? ''}` },
  SYNC_NOT_CONFIGURED: { zh: () => '尚未设置同步方式：请填写同步文件夹或服务器地址', en: () => 'Sync is not set up: enter a sync folder or a hub address' },
  SYNC_HUB_UNREACHABLE: { zh: (p) => `无法连接服务器 ${p.url}：${p.detail ?? ''}`, en: (p) => `Cannot reach the hub ${p.url}: ${p.detail ?? ''}` },
  SYNC_HUB_REFUSED: { zh: (p) => `服务器拒绝了同步（${p.status}）：${p.detail ?? ''}`, en: (p) => `The hub refused the sync (${p.status}): ${p.detail ?? ''}` },
  SYNC_HUB_URL: { zh: (p) => `服务器地址不正确：${p.url}（应以 https:// 或 http:// 开头）`, en: (p) => `Invalid hub address: ${p.url} (should start with https:// or http://)` },
  SYNC_TOKEN_INVALID: { zh: () => '设备令牌无效或已停用，请向管理员重新申请', en: () => 'The device token is invalid or revoked; ask the administrator for a new one' },
  SYNC_OUT_OF_SCOPE: { zh: (p) => `本设备无权提交该储备库点或区划的数据（事件 ${p.eventId}，库点/区划 ${p.siteId}），未保存任何数据`, en: (p) => `This device may not write for that site or region (event ${p.eventId}, ${p.siteId}); nothing was stored` },
  SYNC_DISTRICT_ONLY: { zh: (p) => `该类数据只能由区级设备提交（事件 ${p.eventId}，类型 ${p.type}），未保存任何数据`, en: (p) => `Only a district device may send this kind of data (event ${p.eventId}, type ${p.type}); nothing was stored` },
  UNKNOWN_METHOD: { zh: (p) => `没有名为 ${p.method} 的接口`, en: (p) => `There is no api method ${p.method}` },
  NOT_FOUND: { zh: (p) => `找不到${p.what}：${p.id}`, en: (p) => `${p.whatEn ?? p.what} not found: ${p.id}` },
  FORBIDDEN: {
    zh: (p) => `无权执行此操作（${p.reason ?? '角色或范围不符'}）`,
    en: (p) => `Not allowed (${p.reasonEn ?? p.reason ?? 'role or scope'})`,
  },
  INSUFFICIENT_STOCK: {
    zh: (p) => `库存不足：${p.site} 的 ${p.item}${p.lot ? `（批次 ${p.lot}）` : ''} 现有 ${p.available} ${p.unit}，不能出库 ${p.requested} ${p.unit}`,
    en: (p) => `Not enough stock: ${p.site} holds ${p.available} ${p.unit} of ${p.item}${p.lot ? ` (lot ${p.lot})` : ''}, cannot issue ${p.requested}`,
  },
  LOT_MISMATCH: {
    zh: (p) => `批次 ${p.lot} 已登记的${p.fieldZh}为 ${p.existing}，与本次填写的 ${p.given} 不一致`,
    en: (p) => `Lot ${p.lot} is recorded with ${p.field} ${p.existing}, not ${p.given}`,
  },
  LOT_REQUIRED: {
    zh: (p) => `${p.item} 需要填写批次号`,
    en: (p) => `${p.item} needs a lot number`,
  },
  EXPIRY_BEFORE_PRODUCTION: {
    zh: () => '有效期不能早于生产日期',
    en: () => 'Expiry date cannot be before production date',
  },
  LOT_ITEM_MISMATCH: {
    zh: (p) => `批次 ${p.lot} 不属于物资 ${p.item}`,
    en: (p) => `Lot ${p.lot} does not belong to item ${p.item}`,
  },
  SITE_CLOSED: { zh: (p) => `储备点 ${p.site} 已停用，不能过账`, en: (p) => `Site ${p.site} is closed` },
  DOCUMENT_ID_REUSED: {
    zh: () => '该单据编号已用于另一张内容不同的单据',
    en: () => 'This document id was already used for a different document',
  },
  TRANSFER_SAME_SITE: { zh: () => '调出和调入不能是同一个储备点', en: () => 'A transfer needs two different sites' },
  LOT_NOT_EXPIRED: {
    zh: (p) => `批次 ${p.lot} 有效期至 ${p.expiry}，尚未过期，不能按过期报损；请改用报废`,
    en: (p) => `Lot ${p.lot} expires on ${p.expiry} and has not expired; write it off as scrap instead`,
  },
  ITEM_NOT_RETURNABLE: {
    zh: (p) => `${p.item} 不是可回收物资，不能回收入库；消耗品请做核销`,
    en: (p) => `${p.item} is not returnable: write consumables off instead of returning them`,
  },
  STOCKTAKE_ALREADY_OPEN: { zh: (p) => `${p.site} 已有一个未完成的盘点，请先完成或作废`, en: (p) => `${p.site} already has an open stocktake` },
  STOCKTAKE_CLOSED: { zh: () => '该盘点已过账或作废，不能再修改', en: () => 'This stocktake is already posted or cancelled' },
  STOCKTAKE_REASON_REQUIRED: { zh: (p) => `第 ${p.line} 行有盘盈或盘亏，请填写原因`, en: (p) => `Line ${p.line} has a variance and needs a reason` },
  IMPORT_NOT_TEXT: { zh: () => '文件不是文本格式的 CSV（可能是改了扩展名的 Excel 文件），请另存为 CSV 或直接上传 xlsx', en: () => 'The file is not CSV text (perhaps a renamed Excel file); save it as CSV or upload the xlsx' },
  ALERT_NEAR_AFTER_FAR: { zh: (p) => `近效期天数（${p.near}）不能大于临期天数（${p.far}）`, en: (p) => `The near window (${p.near} days) cannot exceed the far window (${p.far} days)` },
  IMPORT_EMPTY: { zh: () => '文件是空的', en: () => 'The file is empty' },
  IMPORT_NO_ROWS: { zh: () => '文件只有表头，没有数据行', en: () => 'The file has a header but no rows' },
  IMPORT_MISSING_COLUMN: { zh: (p) => `缺少“${p.field}”列，请在列对应中指定`, en: (p) => `Column "${p.field}" is missing; map it to one of the file's columns` },
  IMPORT_UNKNOWN_ITEM: { zh: (p) => `第 ${p.row} 行 ${p.field}：目录中没有物资“${p.value}”`, en: (p) => `Row ${p.row}, ${p.field}: no item "${p.value}" in the catalogue` },
  IMPORT_NAME_MISMATCH: { zh: (p) => `第 ${p.row} 行 ${p.field}：编码 ${p.code} 是“${p.expected}”，不是“${p.value}”`, en: (p) => `Row ${p.row}, ${p.field}: code ${p.code} is "${p.expected}", not "${p.value}"` },
  IMPORT_WRONG_UNIT: { zh: (p) => `第 ${p.row} 行 ${p.field}：${p.item} 的单位是“${p.expected}”，不是“${p.value}”`, en: (p) => `Row ${p.row}, ${p.field}: ${p.item} is counted in "${p.expected}", not "${p.value}"` },
  IMPORT_BAD_QUANTITY: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”不是正整数`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" is not a positive whole number` },
  IMPORT_BAD_DATE: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”不是有效日期`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" is not a real date` },
  IMPORT_BAD_MONEY: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”不是有效金额`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" is not an amount` },
  IMPORT_DUPLICATE: { zh: (p) => `第 ${p.row} 行 ${p.field}：与第 ${p.first} 行的物资和批次重复`, en: (p) => `Row ${p.row}, ${p.field}: same item and lot as row ${p.first}` },
  IMPORT_HAS_ERRORS: { zh: (p) => `文件还有 ${p.n} 处错误，未导入任何数据。第一处：${p.first}`, en: (p) => `The file still has ${p.n} errors; nothing was imported. First: ${p.first}` },
  // Dispatch (灾情调度)
  INCIDENT_END_BEFORE_START: { zh: () => '结束时间不能早于开始时间', en: () => 'The end cannot be before the start' },
  TRANSITION_REFUSED: { zh: (p) => `${p.order}：${p.zh}`, en: (p) => `${p.order}: ${p.en}` },
  ORDER_SOURCE_REQUIRED: { zh: () => '请选择调出储备点或协议企业（只选一个）', en: () => 'Choose one source: a site or an agreement partner' },
  ORDER_DESTINATION_REQUIRED: { zh: () => '请选择调入储备点或填写送达地址', en: () => 'Choose a destination site or give an address' },
  ORDER_SAME_SITE: { zh: () => '调出和调入不能是同一个储备点', en: () => 'Source and destination cannot be the same site' },
  ALLOCATED_OVER_REQUESTED: {
    zh: (p) => `分配数量 ${p.allocated} 超过申请数量 ${p.requested}`, en: (p) => `Allocated ${p.allocated} is more than requested ${p.requested}`,
  },
  AGREEMENT_ITEM_MISSING: { zh: (p) => `协议 ${p.agreement} 不包含 ${p.item}`, en: (p) => `Agreement ${p.agreement} does not cover ${p.item}` },
  AGREEMENT_EXCEEDED: {
    zh: (p) => `协议 ${p.agreement} 的 ${p.item} 只剩 ${p.left} ${p.unit} 可调用，不能调用 ${p.requested} ${p.unit}`,
    en: (p) => `Agreement ${p.agreement} has only ${p.left} ${p.unit} of ${p.item} left to call up, not ${p.requested}`,
  },
  AGREEMENT_NOT_ACTIVE: {
    zh: (p) => `协议 ${p.agreement} 不在有效期内（${p.from} 至 ${p.to}）或未生效`, en: (p) => `Agreement ${p.agreement} is not in force (${p.from} to ${p.to})`,
  },
  REQUEST_NOT_OPEN: { zh: (p) => `需求申报 ${p.request} 已满足或已撤销，不能再生成调拨单`, en: (p) => `Request ${p.request} is fulfilled or cancelled: no more orders can be made for it` },
  REQUEST_ALREADY_PLANNED: { zh: (p) => `需求申报 ${p.request} 的物资已全部安排调拨单`, en: (p) => `Every item of request ${p.request} is already on an order` },
  ORDER_NOTHING_ALLOCATED: { zh: (p) => `调拨单 ${p.order} 没有已分配的物资`, en: (p) => `Order ${p.order} has nothing allocated` },
  RECEIVED_OVER_SHIPPED: { zh: (p) => `实收 ${p.received} 超过发运数量 ${p.shipped}`, en: (p) => `Received ${p.received} is more than shipped ${p.shipped}` },
  SHORTFALL_REASON_REQUIRED: {
    zh: (p) => `短缺 ${p.shortfall}，请选择原因（破损、丢失、少发）`, en: (p) => `Short by ${p.shortfall}: choose a reason (damaged, lost, short-shipped)`,
  },
  UNAUTHENTICATED: { zh: () => '请先登录', en: () => 'Please log in first' },
  LOGIN_FAILED: { zh: () => '用户名或密码不正确', en: () => 'Wrong user name or password' },
  ACCOUNT_LOCKED: {
    zh: (p) => `密码错误次数过多，账户已锁定，请 ${p.minutes} 分钟后再试或请管理员重置密码`,
    en: (p) => `Too many wrong passwords: the account is locked; try again in ${p.minutes} minutes or ask an administrator to reset it`,
  },
  PASSWORD_SHORT: { zh: () => '密码至少需要 8 个字符', en: () => 'The password needs at least 8 characters' },
  PASSWORD_WEAK: { zh: () => '密码需同时包含字母和数字', en: () => 'The password needs both letters and digits' },
  PASSWORD_WRONG: { zh: () => '当前密码不正确', en: () => 'The current password is wrong' },
  PASSWORD_SAME: { zh: () => '新密码不能与当前密码相同', en: () => 'The new password must differ from the current one' },
  PASSWORD_CHANGE_REQUIRED: { zh: () => '管理员已重置您的密码，请先修改密码', en: () => 'An administrator reset your password: change it first' },
  USERNAME_TAKEN: { zh: (p) => `用户名 ${p.username} 已被使用`, en: (p) => `The user name ${p.username} is taken` },
  SCOPE_INVALID: { zh: (p) => `管辖范围不正确：找不到 ${p.ref || '（未填写）'}`, en: (p) => `Invalid scope: ${p.ref || '(empty)'} not found` },
  SETUP_DONE: { zh: () => '本系统已设置管理员，请直接登录', en: () => 'An administrator already exists: please log in' },
  LAST_ADMIN: { zh: () => '不能停用或撤销最后一位管理员', en: () => 'The last administrator cannot be removed or deactivated' },
  BACKUP_INVALID: { zh: (p) => `备份文件不可用：${p.reason}`, en: (p) => `The backup file cannot be used: ${p.reasonEn ?? p.reason}` },
  PDF_SAVE_FAILED: { zh: (p) => `无法保存 PDF：${p.reason}`, en: (p) => `The PDF could not be saved: ${p.reasonEn ?? p.reason}` },
  BACKUP_OTHER_DISTRICT: {
    zh: (p) => `备份文件属于另一个区（${p.other}），不能恢复到本系统（${p.own}）`,
    en: (p) => `The backup belongs to another district (${p.other}), not this one (${p.own})`,
  },
  SITE_CODE_TAKEN: { zh: (p) => `编码 ${p.code} 已被储备点「${p.site}」使用`, en: (p) => `Code ${p.code} is already used by site ${p.site}` },
  NEGATIVE_STOCK_OPEN: { zh: (p) => `该批次结存仍为 ${p.balance}：盘点或补录单据使结存不再为负后，此项自动消失`, en: (p) => `This lot's balance is still ${p.balance}: once a stocktake or a correcting document brings it back to zero or above, this entry goes away` },
  ITEM_CODE_CLASH_OPEN: { zh: (p) => `物资编码 ${p.code} 仍由 ${p.count} 种物资同时使用：在物资目录中修改其中一个的编码后，此项自动消失`, en: (p) => `Item code ${p.code} is still used by ${p.count} items: change one of them in the catalogue and this entry goes away` },
  IMPORT_ITEM_CODE_AMBIGUOUS: { zh: (p) => `第 ${p.row} 行 ${p.field}：物资编码 ${p.value} 同时用于 ${p.count} 种物资（两处离线时使用了同一编码），无法确定是哪一种：请先在物资目录中修改其中一个的编码`, en: (p) => `Row ${p.row}, ${p.field}: item code ${p.value} is used by ${p.count} items (two offices chose it while apart), so the row is ambiguous: change one of them in the catalogue first` },
  SITE_CODE_CLASH_OPEN: { zh: (p) => `编码 ${p.code} 仍由 ${p.count} 个储备点同时使用：在储备网络中修改其中一个的编码后，此项自动消失`, en: (p) => `Code ${p.code} is still used by ${p.count} sites: rename one of them on the network page and this entry goes away` },
  SITE_TIER_REGION: {
    zh: (p) => `${p.tier === 'district' ? '区级储备库应位于区' : p.tier === 'street' ? '街镇储备库应位于街镇' : '社区储备点应位于村居'}，「${p.region}」不符`,
    en: (p) => `A ${p.tier} site must stand in a ${p.tier === 'community' ? 'community' : p.tier} region, not in ${p.region}`,
  },
  SITE_SERVES_COMMUNITY: { zh: (p) => `服务范围只能是村居，${p.code} 不是村居`, en: (p) => `A site can only serve communities; ${p.code} is not one` },
  SITE_DATES: { zh: () => '停用日期不能早于启用日期', en: () => 'The closing date cannot be before the opening date' },
  SITE_ALREADY_CLOSED: { zh: (p) => `储备点 ${p.site} 已经停用`, en: (p) => `Site ${p.site} is already closed` },
  SITE_NOT_CLOSED: { zh: (p) => `储备点 ${p.site} 正在启用中`, en: (p) => `Site ${p.site} is not closed` },
  ITEM_CODE_TAKEN: { zh: (p) => `物资编码 ${p.code} 已被「${p.item}」使用`, en: (p) => `Item code ${p.code} is already used by ${p.item}` },
  TARGET_SITE_TIER: { zh: () => '单点调整的储备点层级与标准的层级不一致', en: () => "The site's tier differs from the target's tier" },
  TARGET_MINIMUM: { zh: () => '最低储备量不能大于标准数量', en: () => 'The minimum cannot exceed the target quantity' },
  TARGET_DUPLICATE: { zh: () => '该年度、层级和物资已有同一范围的储备标准', en: () => 'There is already a target for this year, tier, item and scope' },
  CATALOGUE_YEAR_EXISTS: { zh: (p) => `${p.year} 年度已有目录版本，请直接修改`, en: (p) => `Plan year ${p.year} already has its catalogue version; edit it instead` },
  CATALOGUE_YEAR_SAME: { zh: (p) => `不能把 ${p.year} 年度目录复制到它自己`, en: (p) => `Cannot copy plan year ${p.year}'s catalogue onto itself` },
  IMPORT_REQUIRED: { zh: (p) => `第 ${p.row} 行 ${p.field}：不能为空`, en: (p) => `Row ${p.row}, ${p.field}: must not be empty` },
  IMPORT_TOO_LONG: { zh: (p) => `第 ${p.row} 行 ${p.field}：超过 ${p.max} 个字`, en: (p) => `Row ${p.row}, ${p.field}: longer than ${p.max} characters` },
  IMPORT_BAD_YESNO: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”应为“是”或“否”`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" should be yes or no (是/否)` },
  IMPORT_DUPLICATE_CODE: { zh: (p) => `第 ${p.row} 行 ${p.field}：与第 ${p.first} 行的物资编码重复`, en: (p) => `Row ${p.row}, ${p.field}: same item code as row ${p.first}` },
  TARGET_YEAR_EXISTS: { zh: (p) => `${p.year} 年度已有储备标准`, en: (p) => `Plan year ${p.year} already has targets` },
  CREDIT_CODE: {
    zh: (p) => `统一社会信用代码 ${p.code} 不正确：${p.problem === 'length' ? '应为 18 位' : p.problem === 'character' ? '含有不允许的字符（不使用 I、O、Z、S、V）' : '校验码不符'}`,
    en: (p) => `Credit code ${p.code} is invalid: ${p.problem === 'length' ? 'it must have 18 characters' : p.problem === 'character' ? 'it has a character that is not allowed (no I, O, Z, S, V)' : 'the check character does not match'}`,
  },
  CREDIT_CODE_TAKEN: { zh: (p) => `统一社会信用代码 ${p.code} 已登记为「${p.partner}」`, en: (p) => `Credit code ${p.code} is already registered for ${p.partner}` },
  AGREEMENT_DATES: { zh: () => '协议截止日期不能早于生效日期', en: () => 'The end date cannot be before the start date' },
  AGREEMENT_LINE: { zh: (p) => `${p.kind === 'transport' ? '运力' : '物资'}协议明细需填写${p.missing}`, en: (p) => `An agreement line needs a ${p.missingEn}` },
  DIVISIONS_MISSING: { zh: () => '安装包中缺少区划数据文件', en: () => 'The division data file is missing from the installation' },
  DISTRICT_UNKNOWN: { zh: (p) => `区划数据中没有代码为 ${p.code} 的区县`, en: (p) => `No district with code ${p.code} in the division data` },
  ATTACHMENT_NO_FOLDER: { zh: () => '此安装没有数据文件夹，不能保存附件', en: () => 'This installation has no data folder to keep attachments in' },
  ATTACHMENT_EMPTY: { zh: () => '附件是空文件', en: () => 'The attachment is empty' },
  ATTACHMENT_TOO_LARGE: { zh: (p) => `附件不能超过 ${p.mb} MB`, en: (p) => `An attachment may be at most ${p.mb} MB` },
  ATTACHMENT_MISSING: { zh: (p) => `附件「${p.name}」的文件不在数据文件夹中`, en: (p) => `The file of attachment ${p.name} is missing from the data folder` },
  ATTACHMENT_ELSEWHERE: { zh: (p) => `附件「${p.name}」的文件在 ${p.office} 办公室，请到该办公室打开`, en: (p) => `The file of attachment ${p.name} is kept at the ${p.office} office: open it there` },
  RESTORING: { zh: () => '正在恢复备份，请稍候几秒后重试', en: () => 'A backup is being restored: try again in a few seconds' },
  RESTORE_NEEDS_APP: { zh: () => '只能在运行中的系统里恢复备份', en: () => 'A backup can only be restored in the running app' },
  // sync trust (issue 20: the hub and the folder take nothing under another's name)
  SYNC_HUB_REPLICA: { zh: (p) => `不能以服务器本机的副本编号提交事件（${p.eventId}），未保存任何数据`, en: (p) => `Events may not be sent under the hub's own replica id (${p.eventId}); nothing was stored` },
  SYNC_REPLICA_TAKEN: { zh: (p) => `副本 ${p.replicaId} 已属于另一台设备，本设备不能以它的名义提交，未保存任何数据`, en: (p) => `Replica ${p.replicaId} belongs to another device: this device may not send under it; nothing was stored` },
  SYNC_REQUEST_INVALID: { zh: (p) => `同步请求格式不正确：${p.field}：${p.detail}`, en: (p) => `Malformed sync request: ${p.field}: ${p.detailEn}` },
  HUB_LOG_BEHIND: { zh: (p) => `已保存在服务器本机，但未能写入 PostgreSQL 同步日志（${p.detail ?? ''}）；连接恢复后下一次操作或设备同步时自动补写，在此之前请勿删除服务器数据目录`, en: (p) => `Saved in the hub's own file, but it could not be written to the PostgreSQL sync log (${p.detail ?? ''}); it is copied at the next call or device sync once the log is reachable — do not remove the hub's data folder until then` },
  // first run and demo separation (issue 19)
  SYNC_DEMO_REFUSED: {
    zh: (p) => `拒绝同步：${p.replicaId} 是演示安装（试用演示数据），演示数据不能进入真实储备网络。如需正式使用，请在新的数据目录重新开始并选择“新建本区储备网络”或“加入已有网络”`,
    en: (p) => `Sync refused: ${p.replicaId} is a demo installation (试用演示数据), and demo data never enters a real reserve network. For real use, start again on a new data folder and choose "new district network" or "join an existing network"`,
  },
  FIRSTRUN_DONE: { zh: () => '本安装已完成首次设置，不能再次选择', en: () => 'This installation has already been set up; the first-run choice cannot be made again' },
  FIRSTRUN_NOT_JOINING: { zh: () => '本安装不在加入网络的过程中', en: () => 'This installation is not joining a network' },
  FIRSTRUN_JOIN_EMPTY: {
    zh: (p) => `从 ${p.source} 没有收到本区的区划数据：请确认地址和设备令牌正确，且该网络已建立`,
    en: (p) => `Nothing of the district's network came from ${p.source}: check the address and the device token, and that the network has been set up`,
  },
  FIRSTRUN_OFFICE_UNKNOWN: {
    zh: (p) => `所选的本单位（${p.ref}）不在收到的网络中：请选择一个库点或街镇`,
    en: (p) => `The office chosen (${p.ref}) is not in the network received: choose a site or a street`,
  },
  FIRSTRUN_JOIN_FAILED: { zh: (p) => `尚未收到本区网络：${p.detail}。请重新输入来源后再试`, en: (p) => `The district network has not arrived: ${p.detail}. Enter the source again and retry` },
  FIRSTRUN_JOIN_RUNNING: { zh: () => '正在从中心同步本区网络，请稍候', en: () => 'The district network is still being received from the hub: please wait' },
  // --- 逐级上报 (core/reports, issue 16)
  REPORT_NOT_YOURS: { zh: (p) => `只能报送本级的报表：${p.region} 不在您的管辖范围内`, en: (p) => `You may only submit your own level's reports: ${p.region} is outside your scope` },
  REPORT_NOT_DUE_YET: { zh: (p) => `${p.kind}（${p.subject}）的报告期尚未结束，${p.from} 起才能报送`, en: (p) => `The period of ${p.kindEn} (${p.subject}) has not ended; it can be submitted from ${p.from}` },
  REPORT_SUBJECT_UNKNOWN: { zh: (p) => `找不到报表对象：${p.subject}（${p.kind}）`, en: (p) => `No such report subject: ${p.subject} (${p.kindEn})` },
  REPORT_SUBJECT_ELSEWHERE: { zh: (p) => `${p.subject} 不属于 ${p.region}，不能由其报送`, en: (p) => `${p.subject} does not belong to ${p.region}, which cannot report it` },
  REPORT_PENDING: { zh: (p) => `${p.kind}（${p.subject}）第 ${p.version} 版已报送，等待上级审核，审核退回后才能重新报送`, en: (p) => `Version ${p.version} of ${p.kindEn} (${p.subject}) awaits review; resubmit only after it is returned` },
  REPORT_APPROVED: { zh: (p) => `${p.kind}（${p.subject}）第 ${p.version} 版已审核通过，不能再报送`, en: (p) => `Version ${p.version} of ${p.kindEn} (${p.subject}) is approved; it cannot be resubmitted` },
  REPORT_DECIDED: { zh: (p) => `该报表（第 ${p.version} 版）已于 ${p.on} ${p.status}，不能再次审核`, en: (p) => `This report (version ${p.version}) was already ${p.statusEn} on ${p.on}` },
  REPORT_NOT_RECEIVER: { zh: (p) => `只有接收单位（${p.receiver}）可以审核该报表`, en: (p) => `Only the receiver (${p.receiverEn}) may review this report` },
  REPORT_RETURN_REASON: { zh: () => '退回必须填写退回原因', en: () => 'A return needs a reason' },
  REPORT_KIND_LEVEL: { zh: (p) => `${p.kind}由区级报送，街镇不报送`, en: (p) => `${p.kindEn} is submitted by the district, not by a street` },
  // issue 14 (day one): imports put stock where the file says
  IMPORT_UNKNOWN_SITE: { zh: (p) => `第 ${p.row} 行 储备点：没有编码或名称为“${p.value}”的储备点`, en: (p) => `Row ${p.row}, site: no site with the code or name "${p.value}"` },
  IMPORT_OTHER_SITE: { zh: (p) => `第 ${p.row} 行 储备点：此行属于“${p.value}”，不是页面所选的“${p.chosen}”；请按储备点分别导入`, en: (p) => `Row ${p.row}, site: this row is for "${p.value}", not "${p.chosen}" chosen on the page; import each site on its own` },
  INTERNAL: { zh: () => '系统内部错误，请重试或联系管理员', en: () => 'Internal error; please retry or contact the administrator' },
  // Trust, the api door (issue 20): characters an import file may not carry, as the api's field schemas refuse them
  IMPORT_BAD_CHARACTER: {
    zh: (p) => `第 ${p.row} 行 ${p.field}：含有不允许的字符 ${p.value}（控制字符、文字方向字符，或批次号中的西里尔等形近字母）`,
    en: (p) => `Row ${p.row}, ${p.field}: contains the character ${p.value}, which is not allowed (a control or bidi character, or a look-alike letter in a lot number)`,
  },
  // readiness (core/readiness, issue 17) ------------------------------------------------------------------------
  READINESS_NO_POPULATION: { zh: (p) => `受灾区域「${p.names}」没有人口数据：请在目录 → 人口中填写，或直接填写紧急转移安置人口`, en: (p) => `The affected regions ${p.names} have no population: enter it under Catalogue → Population, or type the number of people to relocate` },
  READINESS_NO_NORMS: { zh: (p) => `灾种「${p.type}」还没有人均需求标准：请先在应急准备 → 需求标准中填写`, en: (p) => `Incident type ${p.type} has no per-person norms yet: enter them under Readiness → Norms first` },
  READINESS_REGION_OUTSIDE: { zh: (p) => `区域「${p.name}」不在本区（${p.district}）内`, en: (p) => `Region ${p.name} is not in this district (${p.district})` },
  READINESS_OUT_OF_SCOPE: { zh: (p) => `区域「${p.name}」不在您的管辖范围内`, en: (p) => `Region ${p.name} is outside your scope` },
  // Issue 18 (national codes, write-off approval)
  NATIONAL_CODE_FORMAT: {
    zh: (p) => `${at(p)}国家分类编码“${p.value}”应为 1、3、5 或 7 位数字（大类 1 位，中类、小类、细类各 2 位，如 1、101、10101、1010101）`,
    en: (p) => `${atEn(p)}national code "${p.value}" must be 1, 3, 5 or 7 digits (1 for the major class, 2 each for class, subclass and detail class: 1, 101, 10101, 1010101)`,
  },
  NATIONAL_CODE_TOP: {
    zh: (p) => `${at(p)}国家分类编码“${p.value}”的大类应为 1（基本生活保障物资）、2（应急装备及配套物资）或 3（工程材料与机械加工设备）`,
    en: (p) => `${atEn(p)}national code "${p.value}": the major class must be 1 (basic living), 2 (emergency equipment) or 3 (engineering materials and machining)`,
  },
  NATIONAL_CODE_SEGMENT: {
    zh: (p) => `${at(p)}国家分类编码“${p.value}”的${p.level}代码“${p.segment}”无效，应为 01–99（99 为收容类）`,
    en: (p) => `${atEn(p)}national code "${p.value}": ${p.levelEn} "${p.segment}" is not valid, it must be 01–99 (99 = other)`,
  },
  NATIONAL_CODE_NO_PARENT: {
    zh: (p) => `${at(p)}分类“${p.value}”的上级分类 ${p.parent} 既不在已导入的分类表中，也不在本文件中`,
    en: (p) => `${atEn(p)}class "${p.value}": its parent class ${p.parent} is neither in the imported table nor in this file`,
  },
  NATIONAL_CODE_DUPLICATE: { zh: (p) => `第 ${p.row} 行 ${p.field}：与第 ${p.first} 行的分类代码重复`, en: (p) => `Row ${p.row}, ${p.field}: same class code as row ${p.first}` },
  WRITEOFF_NEEDS_APPROVAL: {
    zh: (p) => `${p.site} 是街道储备点，报废须经区级审批：请提交报废申请`,
    en: (p) => `${p.site} is a street depot: a scrap write-off needs the district's approval, so submit a write-off request`,
  },
  WRITEOFF_NOT_PENDING: { zh: (p) => `报废申请 ${p.id} 已${p.zh}，不能再审批或退回`, en: (p) => `Write-off request ${p.id} is already ${p.en}; it can no longer be approved or returned` },
  WRITEOFF_NOT_STREET: { zh: (p) => `${p.site} 不是街道储备点，报废不需申请，可直接核销`, en: (p) => `${p.site} is not a street depot: write off directly, no request is needed` },
  WRITEOFF_RETURN_NOTE: { zh: () => '退回时请写明原因', en: () => 'Say why when returning a request' },
}

/** "第 3 行 国家分类编码：" when the error is about a row of a file, else nothing. */
function at(p: Params): string { return p.row !== undefined ? `第 ${p.row} 行 ${p.field ?? ''}：` : '' }
function atEn(p: Params): string { return p.row !== undefined ? `Row ${p.row}, ${p.field ?? ''}: ` : '' }

export class AppError extends Error {
  constructor(
    readonly code: keyof typeof messages | string,
    readonly params: Params = {},
    readonly where: { field?: string; row?: number } = {},
    readonly status = 400,
  ) {
    super(renderMessage(code, params, 'en'))
    this.name = 'AppError'
  }

  toWire(lang: Lang): WireError {
    return {
      code: this.code,
      message: renderMessage(this.code, this.params, lang),
      ...(this.where.field !== undefined ? { field: this.where.field } : {}),
      ...(this.where.row !== undefined ? { row: this.where.row } : {}),
    }
  }
}

export interface WireError { code: string; message: string; field?: string; row?: number }

export function renderMessage(code: string, params: Params, lang: Lang): string {
  const m = messages[code] ?? messages.INTERNAL
  return m[lang](params)
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError
