import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import nunjucks from 'nunjucks';

const FRONTEND = path.dirname(require.resolve('nhsuk-frontend/package.json'));
const FRONTEND_DIST = path.join(FRONTEND, 'dist');
const VIEWS = path.join(__dirname, '..', 'views');

/**
 * The public site's web layer: the NHS.UK frontend's Nunjucks macros and compiled styles and scripts from
 * its npm package, a content security policy with a nonce per response (the template's one inline script),
 * security headers, and the service kit's request logs (method, path and status only).
 */
export function configureWebApp(app: INestApplication): void {
  const server = app as NestExpressApplication;
  server.useLogger(server.get(Logger));
  server.enableShutdownHooks();
  server.set('trust proxy', 'loopback');
  server.disable('x-powered-by');
  nunjucks.configure([VIEWS, FRONTEND_DIST], {
    autoescape: true,
    express: server.getHttpAdapter().getInstance(),
    throwOnUndefined: false,
  });
  server.setViewEngine('njk');
  server.use((_request: Request, response: Response, next: NextFunction) => {
    response.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  server.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          scriptSrc: ["'self'", (_request, response) => `'nonce-${(response as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // Pages hold what the person typed: no shared or back-forward cache keeps them.
  server.use((request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith('/assets/')) response.setHeader('Cache-Control', 'no-store');
    next();
  });
  const assets = path.join(FRONTEND_DIST, 'nhsuk');
  server.use('/assets', express.static(path.join(assets, 'assets'), { index: false, maxAge: '1d' }));
  // Served from `root`: pnpm's store is under `node_modules/.pnpm`, a dot folder `send` refuses in a full path.
  server.use('/assets/nhsuk-frontend.min.css', (_request: Request, response: Response) =>
    response.sendFile('nhsuk-frontend.min.css', { root: assets, maxAge: '1d' }),
  );
  server.use('/assets/nhsuk-frontend.min.js', (_request: Request, response: Response) =>
    response.sendFile(`nhsuk-frontend-${frontendVersion()}.min.js`, { root: assets, maxAge: '1d' }),
  );
}

function frontendVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(FRONTEND, 'package.json'), 'utf8')) as { version: string })
    .version;
}
