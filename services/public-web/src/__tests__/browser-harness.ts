// Browser-test harness: the real complaints API and the public web service (in-process, over HTTP) on the
// test command's Postgres, driven by real headless Chromium from Debian's package (playwright-core, no
// browser download), with axe-core injected into every page and a screenshot of every page kept.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AppModule as ApiModule } from '@complaints/complaints-api/dist/app.module';
import { loadComplaintsApiConfig } from '@complaints/complaints-api/dist/config';
import { SERVICE_DESCRIPTION } from '@complaints/complaints-api/dist/service-description';
import { DEMO_STAFF, seedDemoData } from '@complaints/db';
import { configureApp, signStaffToken } from '@complaints/service-kit';
import { openTestDataSource, serviceDatabaseUrl } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadPublicWebConfig } from '../config';
import { configureWebApp } from '../web-app';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = path.join(
  process.env.TEST_RESULTS_DIR ?? path.join(__dirname, '..', '..', 'test-results'),
  'screenshots',
  'public-web',
);

const intakeKey = process.env.PUBLIC_INTAKE_KEY ?? randomBytes(32).toString('base64url');
export const apiConfig = loadComplaintsApiConfig({
  ...process.env,
  DATABASE_URL: serviceDatabaseUrl('complaints-api'),
  PORT: '3000',
  PUBLIC_INTAKE_KEY: intakeKey,
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_INTAKE_PER_MINUTE: '100000',
});

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

export interface Site {
  /** The public site's base URL. */
  url: string;
  /** The complaints API's base URL. */
  apiUrl: string;
  context: BrowserContext;
  /** Every page checked with axe-core, by name: what it found. */
  audited: Map<string, AxeViolation[]>;
  /** Checks the page with axe-core (WCAG 2.2 A and AA) and keeps a screenshot; returns the violations. */
  audit(page: Page, name: string): Promise<AxeViolation[]>;
  staffToken(email: string): Promise<string>;
}

/** Starts both services and the browser before the file's tests, and stops them after. */
export function usePublicSite(overrides: Record<string, string> = {}): () => Site {
  let api: INestApplication | undefined;
  let web: INestApplication | undefined;
  let site: Site | undefined;
  let userDataDir: string | undefined;
  jest.setTimeout(180_000);

  beforeAll(async () => {
    const owner = await openTestDataSource();
    await seedDemoData(owner).finally(() => owner.destroy());

    const apiModule = await Test.createTestingModule({ imports: [ApiModule.forConfig(apiConfig)] }).compile();
    api = apiModule.createNestApplication({ bufferLogs: true });
    configureApp(api, SERVICE_DESCRIPTION);
    await api.listen(0, '127.0.0.1');
    const apiUrl = await api.getUrl();

    const webConfig = loadPublicWebConfig({
      ...process.env,
      DATABASE_URL: serviceDatabaseUrl('public-web'),
      COMPLAINTS_API_URL: apiUrl.replace('[::1]', '127.0.0.1'),
      PUBLIC_INTAKE_KEY: intakeKey,
      PUBLIC_PAGES_PER_MINUTE: '100000',
      PUBLIC_SUBMISSIONS_PER_HOUR: '1000',
      ...overrides,
    });
    web = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(webConfig), {
      bufferLogs: true,
      bodyParser: false,
    });
    configureWebApp(web);
    await web.listen(0, '127.0.0.1');
    const url = (await web.getUrl()).replace('[::1]', '127.0.0.1');

    // A new, empty profile for every run (Playwright's own --user-data-dir).
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'public-web-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
      javaScriptEnabled: overrides.JAVASCRIPT !== 'off',
    });
    // Injected by the DevTools protocol, so the pages' content security policy stays as it is served.
    await context.addInitScript({ content: AXE_SOURCE });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const audited = new Map<string, AxeViolation[]>();
    site = {
      url,
      apiUrl,
      context,
      audited,
      async audit(page, name) {
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }
          ).axe;
          const result = await axe.run({
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
          });
          return result.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            nodes: violation.nodes.map((node) => ({ target: node.target })),
          }));
        });
        audited.set(name, violations);
        return violations;
      },
      staffToken(email) {
        const user = DEMO_STAFF.find((candidate) => candidate.email === email)!;
        return signStaffToken(
          { id: user.id, organisationCode: user.organisationCode, roles: user.roles },
          { secret: apiConfig.AUTH_JWT_SECRET!, issuer: apiConfig.AUTH_JWT_ISSUER },
        );
      },
    };
  });

  afterAll(async () => {
    await site?.context.close();
    await web?.close();
    await api?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  return () => site!;
}
