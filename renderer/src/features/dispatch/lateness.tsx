/** Time since approval and how late an order is, as the board, the order and the report show them. */
import { Tag } from 'antd'

export const elapsed = (t: (k: string, o?: Record<string, unknown>) => string, minutes: number | null) =>
  minutes === null ? '' : minutes < 60 ? t('dispatch.minutes', { n: minutes }) : t('dispatch.hours', { h: Math.floor(minutes / 60), m: minutes % 60 })

/** Late stays late: overdue while open, late (by how much) once it arrived after its due time, on time otherwise. */
export function LateTag({ o, t }: { o: { late: boolean; lateMinutes: number | null; onTime: boolean | null; deliveredAt: string | null }; t: (k: string, x?: Record<string, unknown>) => string }) {
  if (o.late && o.deliveredAt) return <Tag color="orange" data-testid="order-late">{t('dispatch.lateTag', { d: elapsed(t, o.lateMinutes) })}</Tag>
  if (o.late) return <Tag color="red" data-testid="order-late">{t('dispatch.overdueTag', { d: elapsed(t, o.lateMinutes) })}</Tag>
  if (o.onTime) return <Tag color="green" data-testid="order-late">{t('dispatch.onTimeTag')}</Tag>
  return null
}

