/** The renderer built for the hub (browser). electron-vite builds the same renderer for the desktop app. */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

const outDir = path.join(__dirname, 'out', 'renderer')

/**
 * Each built text file also as .br and .gz beside it, compressed once at build time at the best ratio: the hub
 * (server/hub.ts, @fastify/static preCompressed) sends those to browsers that accept them.
 */
function precompress(): Plugin {
  let dir = outDir
  return {
    name: 'reserve-precompress',
    apply: 'build',
    configResolved(c) { dir = c.build.outDir },
    closeBundle() {
      const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
        .flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)])
      for (const file of walk(dir)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file)) continue
        const body = fs.readFileSync(file)
        if (body.length < 1024) continue
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }))
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  root: path.join(__dirname, 'renderer'),
  base: './',
  plugins: [react(), precompress()],
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
})
