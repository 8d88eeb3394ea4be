/** The first run: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
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
})
