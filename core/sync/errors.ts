/** The sync engine: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
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
  SYNC_HUB_REPLICA: { zh: (p) => `不能以服务器本机的副本编号提交事件（${p.eventId}），未保存任何数据`, en: (p) => `Events may not be sent under the hub's own replica id (${p.eventId}); nothing was stored` },
  SYNC_REPLICA_TAKEN: { zh: (p) => `副本 ${p.replicaId} 已属于另一台设备，本设备不能以它的名义提交，未保存任何数据`, en: (p) => `Replica ${p.replicaId} belongs to another device: this device may not send under it; nothing was stored` },
  SYNC_REQUEST_INVALID: { zh: (p) => `同步请求格式不正确：${p.field}：${p.detail}`, en: (p) => `Malformed sync request: ${p.field}: ${p.detailEn}` },
  SYNC_DEMO_REFUSED: {
    zh: (p) => `拒绝同步：${p.replicaId} 是演示安装（试用演示数据），演示数据不能进入真实储备网络。如需正式使用，请在新的数据目录重新开始并选择“新建本区储备网络”或“加入已有网络”`,
    en: (p) => `Sync refused: ${p.replicaId} is a demo installation (试用演示数据), and demo data never enters a real reserve network. For real use, start again on a new data folder and choose "new district network" or "join an existing network"`,
  },
})
