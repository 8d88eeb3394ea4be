/** The renderer built for the hub (browser). electron-vite builds the same renderer for the desktop app. */
import path from 'node:path'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  root: path.join(__dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: { outDir: path.join(__dirname, 'out', 'renderer'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
})
