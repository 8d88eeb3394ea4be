/**
 * The desktop build: main (CommonJS, node_modules loaded at run time, better-sqlite3 being native), a sandboxed
 * preload (one CommonJS file with its dependencies bundled in, since a sandboxed preload can require only
 * 'electron'), and the same renderer the hub serves, built with relative paths for app://.
 */
import path from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const here = (...p: string[]) => path.join(__dirname, ...p)

export default defineConfig({
  main: {
    build: {
      outDir: here('out', 'main'),
      lib: { entry: here('electron', 'main', 'index.ts'), formats: ['cjs'] },
      // package.json "dependencies" stay in node_modules (drizzle, zod, electron-updater); the native module must.
      externalizeDeps: { include: ['better-sqlite3'] },
    },
  },
  preload: {
    build: {
      outDir: here('out', 'preload'),
      lib: { entry: here('electron', 'preload', 'index.ts'), formats: ['cjs'] },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: here('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: here('out', 'renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: here('renderer', 'index.html') },
    },
  },
})
