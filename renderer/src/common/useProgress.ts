/** Any import, export or print over a second shows progress: a loading message appears after one second. */
import { message } from 'antd'

export async function withProgress<T>(label: string, work: () => Promise<T>): Promise<T> {
  const key = `progress-${Math.random()}`
  const timer = setTimeout(() => { void message.open({ key, type: 'loading', content: label, duration: 0 }) }, 1000)
  try {
    return await work()
  } finally {
    clearTimeout(timer)
    message.destroy(key)
  }
}
