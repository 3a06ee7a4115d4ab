import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { helmetHeaders } from './security-headers.js';

/**
 * The admin console's Content-Security-Policy: everything from this origin only, no inline
 * script or style, no plugins, no framing. `img-src data:` is for the stylesheet's inline SVG
 * icons (Pico's select and checkbox marks). No `upgrade-insecure-requests`, for the reason
 * given for the docs page (openapi.ts): over plain http on a LAN host it would break the page.
 */
export const ADMIN_CSP_DIRECTIVES: Readonly<Record<string, string[]>> = Object.freeze({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
});

/** Vite names every asset by its content hash, so a file under assets/ never changes: cache it for a year. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always revalidated, so a deploy is picked up at once. */
export const PAGE_CACHE_CONTROL = 'no-cache';

/**
 * Where `npm run build` put the console (vite's outDir, dist/console): found from this module,
 * both compiled (dist/src/infrastructure/http/) and run from source under tsx. A build is the
 * folder with an index.html and an assets/ folder (the source folder console/ has no assets/).
 */
export const builtConsoleDir = (): string | undefined => {
  for (const candidate of ['../../../console/', '../../../dist/console/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets'))) return dir;
  }
  return undefined;
};

/**
 * Serves the built admin console at /admin: the hashed assets from /admin/assets/ (cached
 * immutable), and index.html for /admin and every other /admin/… path, so the console's own
 * routes (/admin/orders/…) survive a reload or a bookmark. In its own scope the page gets
 * helmet's document headers with the strict CSP above. The console has no endpoint of its
 * own: it calls the public API on the same origin.
 */
export const registerAdminConsole = async (app: FastifyInstance, dir: string): Promise<void> => {
  const page = readFileSync(join(dir, 'index.html'));
  const headers = await helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: { ...ADMIN_CSP_DIRECTIVES } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
    await scope.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/admin/assets/',
      decorateReply: false,
      schemaHide: true,
      index: false,
      list: false,
      dotfiles: 'ignore',
      cacheControl: false,
      // Same-origin module scripts still get an ETag: a reload revalidates cheaply if a cache dropped the year.
      setHeaders: (reply) => void reply.header('cache-control', ASSET_CACHE_CONTROL),
    });
    const sendPage = (_request: unknown, reply: FastifyReply) =>
      reply.header('cache-control', PAGE_CACHE_CONTROL).type('text/html; charset=utf-8').send(page);
    scope.get('/admin', { schema: { hide: true } }, sendPage);
    scope.get('/admin/*', { schema: { hide: true } }, sendPage);
  });
};
