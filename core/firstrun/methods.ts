/**
 * First run (issue 19): an empty installation offers 试用演示数据, 新建本区储备网络 or 加入已有网络. The choosing methods
 * are public (nobody can sign in before there is an account) and refused once the installation is set up; the
 * first steps a new district takes are for district planners and administrators.
 */
import './errors'
import { z } from 'zod'
import { method, noScope, districtScope, text, username } from '../api/spec'

/** what people paste: full-width digits, spaces and invisible characters are tidied before the check */
const tidy = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[\s\u200b-\u200f\u2060\ufeff]/g, '') : v)
const areaCode = z.preprocess(tidy, z.string().regex(/^\d{6}$/, { message: '应为 6 位区县代码' }))
const admin = { username, displayName: text(60).min(1), password: z.string().max(200) }

export const firstrunMethods = {
  'firstrun.status': method({
    kind: 'query', summary: '首次使用状态 / which first-run step this installation is at, and whether it is a demo',
    input: z.object({}), roles: [], scope: noScope('首次启动时尚无账号；安装一旦设置完成即拒绝 / before any account exists; refused once the installation is set up'), public: true,
  }),
  'firstrun.districts': method({
    kind: 'query', summary: '按名称或代码查找区县 / districts of the bundled divisions by name or code',
    input: z.object({ search: z.preprocess(tidy, z.string().max(40)).default('') }), roles: [], scope: noScope('首次启动时尚无账号；安装一旦设置完成即拒绝 / before any account exists; refused once the installation is set up'), public: true,
  }),
  'firstrun.demo': method({
    kind: 'mutation', summary: '试用演示数据 / start this empty installation on the Songjiang demo',
    input: z.object({}), roles: [], scope: noScope('首次启动时尚无账号；安装一旦设置完成即拒绝 / before any account exists; refused once the installation is set up'), public: true,
  }),
  'firstrun.newDistrict': method({
    kind: 'mutation', summary: '新建本区储备网络 / a new district network: its divisions, the default catalogue and the first administrator',
    input: z.object({ areaCode, ...admin }), roles: [], scope: noScope('首次启动时尚无账号；安装一旦设置完成即拒绝 / before any account exists; refused once the installation is set up'), public: true,
  }),
  'firstrun.join': method({
    kind: 'mutation', summary: '加入已有网络 / receive a district network from its hub (address and device token) or a shared folder',
    input: z.object({
      source: z.enum(['hub', 'folder']),
      url: z.preprocess(tidy, z.string().max(300)).optional(),
      token: z.preprocess(tidy, z.string().max(200)).optional(),
      folder: text(500).optional(),
    }).superRefine((v, ctx) => {
      const need = v.source === 'hub' ? (['url', 'token'] as const) : (['folder'] as const)
      for (const f of need) if (!v[f]) ctx.addIssue({ code: 'custom', path: [f], message: 'required' })
    }),
    roles: [], scope: noScope('首次启动时尚无账号；安装一旦设置完成即拒绝 / before any account exists; refused once the installation is set up'), public: true,
  }),
  'firstrun.office': method({
    kind: 'mutation', summary: '本单位与首位管理员 / which site or street this joined office is (its default scope), and its first administrator',
    input: z.object({ kind: z.enum(['site', 'street']), ref: text(100).min(1), ...admin }), roles: [], scope: noScope('首次启动时尚无账号；安装一旦设置完成即拒绝 / before any account exists; refused once the installation is set up'), public: true,
  }),
  'firstrun.steps': method({
    kind: 'query', summary: '新建网络后的第一步 / the first steps of a new district network, and which are done',
    input: z.object({}), roles: ['planner'], scope: districtScope('新建区县的第一步由区级规划完成 / a new district\'s first steps are the district planners\''),
  }),
  'firstrun.targetsChecked': method({
    kind: 'mutation', summary: '已核对储备目标 / the planner has checked the targets',
    input: z.object({}), roles: ['planner'], scope: districtScope('新建区县的第一步由区级规划完成 / a new district\'s first steps are the district planners\''),
  }),
}
