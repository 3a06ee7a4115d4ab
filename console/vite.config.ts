import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The admin console: built into dist/console, served by the service at /admin (admin-console.ts).
// JSX is compiled by Vite's own transformer (Oxc), so no React plugin is needed for a build;
// `npm run console:dev` proxies the API to a server on :3000.
const api = process.env.CONSOLE_API ?? 'http://127.0.0.1:3000';
export default defineConfig(({ command }) => ({
  // A build is always for production: under vitest (NODE_ENV=test) Vite would otherwise bundle
  // React's development build and compile JSX for it (jsxDEV).
  ...(command === 'build' ? { define: { 'process.env.NODE_ENV': JSON.stringify('production') } } : {}),
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The CSP allows no inline script: no inlined modulepreload polyfill, every asset a file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rolldownOptions: {
      // React Query marks its files "use client" (for server components); a browser bundle has nothing to do with it.
      onLog: (level, log, handler) => {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: Object.fromEntries(['/auth', '/users', '/products', '/orders', '/webhooks', '/reports', '/health', '/metrics'].map((p) => [p, api])),
  },
}));
