import type { AppContext, AppRouter } from '../context.js';
import { htmlCsp } from '../security.js';
import type { Services } from '../../services.js';
import { buildOpenApiDocument } from './document.js';
import { DOCS_CSS, DOCS_HTML, DOCS_JS } from './page.js';

function page(ctx: AppContext, type: string, body: string): void {
  ctx.type = type;
  ctx.set('Cache-Control', 'no-cache');
  ctx.body = body;
}

/** GET /api/openapi.json (built once per server) and the browsable page at /api/docs. */
export function openApiRoutes(router: AppRouter, _s: Services): void {
  let doc: string | undefined;
  router.get('/api/openapi.json', (ctx) => {
    doc ??= JSON.stringify(buildOpenApiDocument());
    page(ctx, 'application/json', doc);
  });
  router.get('/api/docs', (ctx) => {
    htmlCsp(ctx);
    page(ctx, 'text/html; charset=utf-8', DOCS_HTML);
  });
  router.get('/api/docs/docs.js', (ctx) => page(ctx, 'text/javascript; charset=utf-8', DOCS_JS));
  router.get('/api/docs/docs.css', (ctx) => page(ctx, 'text/css; charset=utf-8', DOCS_CSS));
}
