/** The one IPC channel between the preload bridge and main: every api call travels on it as { method, input, lang }. */
export const API_CHANNEL = 'api:call'

export interface ApiCallMessage {
  method: string
  input: unknown
  lang: 'zh' | 'en'
}
