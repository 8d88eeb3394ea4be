/** People and rights: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  LOGIN_FAILED: { zh: () => '用户名或密码不正确', en: () => 'Wrong user name or password' },
  ACCOUNT_LOCKED: {
    zh: (p) => `密码错误次数过多，账户已锁定，请 ${p.minutes} 分钟后再试或请管理员重置密码`,
    en: (p) => `Too many wrong passwords: the account is locked; try again in ${p.minutes} minutes or ask an administrator to reset it`,
  },
  PASSWORD_SHORT: { zh: () => '密码至少需要 8 个字符', en: () => 'The password needs at least 8 characters' },
  PASSWORD_WEAK: { zh: () => '密码需同时包含字母和数字', en: () => 'The password needs both letters and digits' },
  PASSWORD_WRONG: { zh: () => '当前密码不正确', en: () => 'The current password is wrong' },
  PASSWORD_SAME: { zh: () => '新密码不能与当前密码相同', en: () => 'The new password must differ from the current one' },
  USERNAME_TAKEN: { zh: (p) => `用户名 ${p.username} 已被使用`, en: (p) => `The user name ${p.username} is taken` },
  SCOPE_INVALID: { zh: (p) => `管辖范围不正确：找不到 ${p.ref || '（未填写）'}`, en: (p) => `Invalid scope: ${p.ref || '(empty)'} not found` },
  SETUP_DONE: { zh: () => '本系统已设置管理员，请直接登录', en: () => 'An administrator already exists: please log in' },
  LAST_ADMIN: { zh: () => '不能停用或撤销最后一位管理员', en: () => 'The last administrator cannot be removed or deactivated' },
})
