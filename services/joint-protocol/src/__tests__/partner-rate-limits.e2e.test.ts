// Partners' requests are rate limited as staff's are (service-kit's RateLimitGuard, after sign-in): each partner
// user has its own budget, so one organisation's automation cannot use up another's.
import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { seedDemoData } from '@complaints/db';
import { AUDIENCES, configureApp, signStaffToken } from '@complaints/service-kit';
import { openTestDataSource, serviceDatabaseUrl } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadJointProtocolConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

jest.setTimeout(60_000);

// No command keys: this app runs no worker, only the partner API.
const environment = { ...process.env };
delete environment.COMMAND_SIGNING_KEY;
delete environment.COMMAND_VERIFICATION_KEYS;
const config = loadJointProtocolConfig({
  ...environment,
  DATABASE_URL: serviceDatabaseUrl('joint-protocol'),
  PORT: '3002',
  RATE_LIMIT_PER_MINUTE: '3',
});

let app: INestApplication;

beforeAll(async () => {
  const owner = await openTestDataSource();
  await seedDemoData(owner).finally(() => owner.destroy());
  const module = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
  app = module.createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
});
afterAll(() => app?.close());

const as = async (id: string) => ({
  Authorization: `Bearer ${await signStaffToken(
    { id },
    { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER, audience: AUDIENCES.partners },
  )}`,
});

it("refuses a partner user's fourth request in a minute with 429 and Retry-After; another partner user is not held back", async () => {
  // A joint case nobody has: answered 404 from the database alone, so only the budget is measured.
  const nowhere = '/joint-cases/3fa85f64-5717-4562-b3fc-2c963f66afa6';
  const council = await as('partner-hccacs-complaints-manager');
  for (let i = 0; i < 3; i++) await request(app.getHttpServer()).get(nowhere).set(council).expect(404);
  const refused = await request(app.getHttpServer()).get(nowhere).set(council).expect(429);
  expect(refused.body).toMatchObject({ status: 429, title: 'Too many requests' });
  expect(refused.body.detail).toMatch(/^more than 3 requests a minute/);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  await request(app.getHttpServer())
    .get(nowhere)
    .set(await as('partner-enht-complaints-manager'))
    .expect(404);
});
