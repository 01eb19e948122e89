// Integration harness: the real complaints API (in-process, over HTTP with supertest) against the real
// Postgres, Temporal dev server and SMTP server of the test command, with real workers for the
// `complaints` and `correspondence` task queues.
import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActionPlanActivities } from '@complaints/activities/action-plan';
import { createCaseRecordActivities } from '@complaints/activities/case-record';
import {
  createCorrespondenceActivities,
  createSmtpMailer,
  TemplateRenderer,
} from '@complaints/activities/correspondence';
import { createExperienceSurveyActivities } from '@complaints/activities/experience-survey';
import { DEMO_STAFF, seedDemoData } from '@complaints/db';
import { configureApp, signStaffToken } from '@complaints/service-kit';
import { TASK_QUEUES } from '@complaints/temporal';
import {
  createDataConverter,
  ensureSearchAttributes,
  withCommandVerificationKeys,
} from '@complaints/temporal/client';
import { openServiceDataSource, openTestDataSource, serviceDatabaseUrl } from '@complaints/testing';
import { SERVICE_DESCRIPTION } from '../service-description';
import { AppModule } from '../app.module';
import { loadComplaintsApiConfig } from '../config';
import { ComplaintWorkflowStarter } from '../intake/complaint-workflow.starter';

export const config = loadComplaintsApiConfig({
  ...process.env,
  DATABASE_URL: serviceDatabaseUrl('complaints-api'),
  PORT: '3000',
  OUTBOX_RELAY_INTERVAL_MS: '250',
  OUTBOX_RELAY_GRACE_MS: '0',
  // The tests record and poll far faster than staff do; the limits themselves are tested in service-kit.
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_INTAKE_PER_MINUTE: '100000',
});

export async function tokenFor(email: string): Promise<string> {
  const user = DEMO_STAFF.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return signStaffToken(
    { id: user.id, organisationCode: user.organisationCode, roles: user.roles },
    { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER },
  );
}

export async function startApi(
  options: { starter?: ComplaintWorkflowStarter; settings?: Partial<typeof config> } = {},
): Promise<INestApplication> {
  let builder = Test.createTestingModule({
    imports: [AppModule.forConfig({ ...config, ...options.settings })],
  });
  if (options.starter) builder = builder.overrideProvider(ComplaintWorkflowStarter).useValue(options.starter);
  const app = (await builder.compile()).createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  const owner = await openTestDataSource();
  await seedDemoData(owner).finally(() => owner.destroy());
  return app;
}

export interface TestWorkers {
  client: Client;
  dataSource: DataSource;
  stop(): Promise<void>;
}

/**
 * Real workers for both task queues, with the same payload codec as the API; `complaintsTaskQueue` puts
 * the complaints worker on a queue of the caller's instead.
 */
export async function startWorkers(options: { complaintsTaskQueue?: string } = {}): Promise<TestWorkers> {
  const dataSource = await openTestDataSource();
  // Each worker with its own service's database role, as in production.
  const caseRecord = await openServiceDataSource('worker');
  const correspondence = await openServiceDataSource('correspondence');
  const dataConverter = await createDataConverter({ payloadEncryptionKey: config.PAYLOAD_ENCRYPTION_KEY });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  const mailer = createSmtpMailer(process.env.SMTP_URL!);
  const letters = createCorrespondenceActivities({
    dataSource: correspondence,
    mailer,
    renderer: new TemplateRenderer(),
    messageIdDomain: 'complaints.test',
    defaultFrom: 'complaints@test',
  });
  const workers = await Promise.all([
    Worker.create({
      connection,
      taskQueue: options.complaintsTaskQueue ?? TASK_QUEUES.complaints,
      workflowsPath: require.resolve('@complaints/workflows'),
      // Trusts the commands the API signs (the test command makes the pair, as the start command does).
      interceptors: { workflowModules: [require.resolve('@complaints/workflows/interceptors')] },
      bundlerOptions: {
        webpackConfigHook: withCommandVerificationKeys(process.env.COMMAND_VERIFICATION_KEYS ?? ''),
      },
      activities: {
        ...createCaseRecordActivities({ dataSource: caseRecord }),
        ...createActionPlanActivities({ dataSource: caseRecord }),
      },
      dataConverter,
    }),
    Worker.create({
      connection,
      taskQueue: TASK_QUEUES.correspondence,
      activities: {
        ...letters,
        ...createExperienceSurveyActivities({
          dataSource: correspondence,
          mailer,
          publicWebUrl: config.PUBLIC_WEB_URL,
          messageIdDomain: 'complaints.test',
          defaultFrom: 'complaints@test',
          sendCorrespondence: letters.sendCorrespondence,
        }),
      },
      dataConverter,
    }),
  ]);
  const running = workers.map((worker) => worker.run());
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, dataConverter });
  return {
    client,
    dataSource,
    async stop() {
      for (const worker of workers) worker.shutdown();
      await Promise.all(running);
      await connection.close();
      await clientConnection.close();
      mailer.close();
      await Promise.all([dataSource, caseRecord, correspondence].map((source) => source.destroy()));
    },
  };
}

/** The Authorization header of a staff token. */
export const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The complaint as GET /complaints/:reference shows it. */
export interface ComplaintDetail {
  stage: string;
  closedAt: string | null;
  nextDeadline: string | null;
  underOversight: boolean;
  issues: { id: string; description: string; outcome?: string | null }[];
  deadlines: Record<string, string | null | undefined>;
  timeline: { type: string; rule: string | null; data: Record<string, unknown> }[];
  [field: string]: unknown;
}

/**
 * The one line of setup of an API e2e file: the API (and, unless `workers: false`, real workers for both
 * task queues) started before the file's tests and stopped after them.
 */
export function useApi(options: { workers?: boolean; timeoutMs?: number } = {}) {
  let app: INestApplication | undefined;
  let workers: TestWorkers | undefined;
  jest.setTimeout(options.timeoutMs ?? 90_000);
  beforeAll(async () => {
    [app, workers] = await Promise.all([startApi(), options.workers === false ? undefined : startWorkers()]);
  });
  afterAll(async () => {
    await app?.close();
    await workers?.stop();
  });
  const api = () => request(app!.getHttpServer());
  /** The complaint's record once `accept` holds (the workflow moves on asynchronously). */
  const detailWhen = (
    reference: string,
    token: string,
    accept: (detail: ComplaintDetail) => boolean,
  ): Promise<ComplaintDetail> =>
    eventually(
      () =>
        api()
          .get(`/complaints/${reference}`)
          .set(as(token))
          .then((response) => response.body as ComplaintDetail),
      accept,
    );
  return {
    api,
    detailWhen,
    /** The complaint's record once its stage is as accepted. */
    stageOf: (reference: string, token: string, accept: (stage: string) => boolean) =>
      detailWhen(reference, token, (detail) => accept(detail.stage)),
    workers: () => workers!,
    /** Restarts the API, e.g. with a workflow starter that fails. */
    async restartApi(restart: Parameters<typeof startApi>[0]) {
      await app?.close();
      app = await startApi(restart);
    },
  };
}

/** A valid complaint body; every test gives it its own complainant so inbox checks stay independent. */
export function complaintBody(
  overrides: Record<string, unknown> = {},
  suffix = Math.random().toString(36).slice(2, 8),
) {
  return {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'email',
    receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
    complainant: {
      name: `Alex Morgan-${suffix}`,
      email: `alex.${suffix}@example.org`,
      phone: '07700 900123',
      relationship: 'patient',
      dateOfBirth: '1970-04-01',
      address: { lines: [`${suffix} Hill Road`, 'Hatfield'], postcode: 'AL10 8YE' },
    },
    replyChannels: ['email'],
    issues: [{ description: `I waited six hours in A&E (${suffix}) and nobody told me why.` }],
    outcomeSought: 'An apology and an explanation',
    ...overrides,
  };
}

export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
