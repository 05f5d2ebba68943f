/**
 * Builds the floor-map tab (src/tab) into dist/tab, which the server serves at /tab/ (src/server/tab-static.ts).
 *
 *   npx vite build --config vite.config.mts          → dist/tab/index.html + dist/tab/assets/*.js|css (hashed names)
 *   npx vite --config vite.config.mts                → dev server; /api is proxied to SEATWISE_API (default :3978)
 *
 * No @vitejs/plugin-react: its peers conflict with Vite 8 here, and Vite 8 (Oxc) transforms TSX itself.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/tab/', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/tab/', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  // Asset URLs are absolute under /tab/, so index.html works at /tab and /tab/ alike.
  base: '/tab/',
  publicDir: false,
  // A build is always a production build, even when started with NODE_ENV=test (jest): otherwise React's
  // development bundle and the development JSX transform (+40 % gzipped, and slower) end up in dist/tab.
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  ...(command === 'build' && { define: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // The server's Content-Security-Policy allows scripts from 'self' only: no inline polyfill.
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      onwarn(warning, warn) {
        // Fluent marks its modules 'use client' for React Server Components; a client bundle has no use for it.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': process.env['SEATWISE_API'] ?? 'http://127.0.0.1:3978' },
  },
}));
