/** The OpenAPI document, derived from the contract so it can never disagree with what the hub accepts. */
import { z } from 'zod'
import { contract, type MethodSpec } from '../core/api/contract'
import { APP_VERSION } from '../core/system/version'

export function openApiDocument(): Record<string, unknown> {
  const errorSchema = {
    type: 'object',
    required: ['ok', 'error'],
    properties: {
      ok: { const: false },
      error: {
        type: 'object', required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' }, row: { type: 'integer' } },
      },
    },
  }
  const paths: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(contract) as Array<[string, MethodSpec]>) {
    paths[`/api/${name}`] = {
      post: {
        operationId: name,
        summary: spec.summary,
        tags: [name.split('.')[0]],
        'x-kind': spec.kind,
        'x-roles': ['admin', ...spec.roles],
        'x-scope': spec.scope.kind,
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) } } },
        responses: {
          200: { description: 'OK', content: { 'application/json': { schema: { type: 'object', properties: { ok: { const: true }, data: {} } } } } },
          400: { description: '输入有误 / invalid input', content: { 'application/json': { schema: errorSchema } } },
          403: { description: '无权 / not allowed', content: { 'application/json': { schema: errorSchema } } },
          404: { description: '找不到 / not found', content: { 'application/json': { schema: errorSchema } } },
          409: { description: '业务规则不允许 / refused by a rule (e.g. not enough stock)', content: { 'application/json': { schema: errorSchema } } },
        },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: '应急物资储备网络 API', version: APP_VERSION, description: 'One contract for the desktop app (IPC) and the hub (HTTP).' },
    paths,
  }
}
