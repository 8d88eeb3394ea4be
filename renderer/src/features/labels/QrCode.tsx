/**
 * A QR code drawn by bwip-js as inline SVG (no canvas, no eval: works under `script-src 'self'` and prints sharp).
 * The SVG holds only paths generated from the text, never the text itself as markup.
 */
import { useMemo } from 'react'
import { toSVG } from 'bwip-js/browser'

export function QrCode({ text, className }: { text: string; className?: string }) {
  const svg = useMemo(() => {
    try {
      // non-ASCII (a Chinese lot number) goes in as its UTF-8 bytes, which is what scanners decode
      const bytes = /^[\x20-\x7e]*$/.test(text) ? text : String.fromCharCode(...new TextEncoder().encode(text))
      return toSVG({ bcid: 'qrcode', text: bytes, scale: 2, padding: 0 })
    } catch {
      return ''
    }
  }, [text])
  return <span className={className ?? 'qr'} data-testid="label-qr" data-code={text} dangerouslySetInnerHTML={{ __html: svg }} />
}
