import { cpSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'

// The migration files are read at run time from beside the main bundle (see src/core/db/migrations.ts).
function shipMigrations(): Plugin {
  return {
    name: 'cwr-ship-migrations',
    closeBundle() {
      cpSync(resolve(__dirname, 'src/core/db/migrations'), resolve(__dirname, 'out/main/migrations'), {
        recursive: true,
      })
    },
  }
}

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(__dirname, 'electron/main.ts') },
      // better-sqlite3 is native: it stays external so Electron loads the build made for its ABI.
      rollupOptions: { external: ['better-sqlite3'] },
    },
    plugins: [shipMigrations()],
  },
  preload: {
    // A sandboxed preload cannot require modules: bundle it whole, as CommonJS.
    build: {
      lib: { entry: resolve(__dirname, 'electron/preload.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
      chunkSizeWarningLimit: 4000,
    },
    plugins: [react()],
  },
})
