/**
 * What an audit entry did, in words: the method's own summary from the api contract ("登录 / log in"), the Chinese or
 * the English half; the method name only when the contract does not know it (an entry from a newer build).
 */
export type ActionWords = (action: string) => string

export function wordsFrom(contract: Record<string, { summary?: string }>, lang: string): ActionWords {
  return (action) => {
    const summary = contract[action]?.summary
    if (!summary) return action
    const [zh, en] = summary.split(' / ')
    // technical notes in brackets are for developers, not for the log's reader
    return (lang === 'en' ? en ?? zh : zh).replace(/\s*[(（][^()（）]*[)）]\s*$/, '').trim()
  }
}

/** Loaded with the audit page only: the contract is all the methods' input schemas. */
export const loadActionWords = (lang: string): Promise<ActionWords> =>
  import('../../../../core/api/contract').then((m) => wordsFrom(m.contract as Record<string, { summary?: string }>, lang))
