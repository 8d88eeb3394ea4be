/** Puts the cursor on the item picker of line `i` of a lines table, once React has rendered it. */
export function focusLineItem(tableTestId: string, i: number) {
  setTimeout(() => {
    const el = document.querySelector<HTMLInputElement>(`[data-testid="${tableTestId}"] [data-testid="line-${i}-item"] input`)
    el?.focus()
  }, 30)
}
