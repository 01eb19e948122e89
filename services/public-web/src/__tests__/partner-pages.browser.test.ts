// The single-use partner pages (issue #13, ADR 0027) in real headless Chromium: a partner not on the system
// (Hertfordshire Community NHS Trust, HCT) reads its link from the real SMTP inbox after a joint case is opened,
// lands on a page that spends nothing, continues (the link is spent and the session kept on the server), sees
// only its part, sends its contribution (the lead then sees it through the complaints API), records a
// variation, approves the lead's draft after the API's 400 and 409 are shown in the error summary; the same
// link used again and an expired link are refused; axe-core on every page.
//
// The jointResponse workflow runs for real (its bundle, the command-signature check, real notify-partner and
// case-record activities), on a test-only task queue: every package's tests share one Temporal server, and a
// worker on `joint-protocol` would also take the joint workflows other packages' tests left running. Its
// activities are on their own queues (`joint-protocol`, `complaints`), as in production. The joint-protocol
// service runs in-process without its own worker; this file is the lead's complaint workflow's stand-in.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createCaseRecordActivities } from '@complaints/activities/case-record';
import { createSmtpMailer, type Mailer } from '@complaints/activities/correspondence';
import { createJointResponseActivities } from '@complaints/activities/joint-response';
import { issueAccessLink } from '@complaints/db';
import { configureApp } from '@complaints/service-kit';
import { jointResponseWorkflowId, TASK_QUEUES } from '@complaints/temporal';
import {
  createDataConverter,
  ensureSearchAttributes,
  withCommandVerificationKeys,
} from '@complaints/temporal/client';
import {
  MailInbox,
  openServiceDataSource,
  openTestDataSource,
  serviceDatabaseUrl,
  uniqueSuffix,
  writeCaseFile,
} from '@complaints/testing';
import {
  draftSharedForApprovalSignal,
  jointResponseStateQuery,
  type JointResponseInput,
} from '@complaints/workflows/messages';
import { AppModule as JointProtocolModule } from '@complaints/joint-protocol/dist/app.module';
import { loadJointProtocolConfig } from '@complaints/joint-protocol/dist/config';
import { SERVICE_DESCRIPTION } from '@complaints/joint-protocol/dist/service-description';
import { logSafePath } from '../hardening/log-safe-path';
import { usePublicSite } from './browser-harness';

const JOINT_TEST_QUEUE = 'joint-protocol-public-web-test';

const jointConfig = loadJointProtocolConfig({
  ...process.env,
  DATABASE_URL: serviceDatabaseUrl('joint-protocol'),
  PORT: '3002',
  // As the start command gives this service its key; no verification keys, so no worker of its own here.
  COMMAND_SIGNING_KEY: process.env.PARTNER_COMMAND_SIGNING_KEY ?? process.env.COMMAND_SIGNING_KEY,
  COMMAND_VERIFICATION_KEYS: undefined,
});

// Filled in before the public site starts (jest runs beforeAll hooks in the order they are declared).
const webSettings: Record<string, string> = {};
let jointProtocol: INestApplication;
beforeAll(async () => {
  const module = await Test.createTestingModule({
    imports: [JointProtocolModule.forConfig(jointConfig)],
  }).compile();
  jointProtocol = module.createNestApplication({ bufferLogs: true });
  configureApp(jointProtocol, SERVICE_DESCRIPTION);
  await jointProtocol.listen(0, '127.0.0.1');
  webSettings.JOINT_PROTOCOL_URL = (await jointProtocol.getUrl()).replace('[::1]', '127.0.0.1');
});
const site = usePublicSite(webSettings);

let owner: DataSource;
let jointData: DataSource;
let caseRecord: DataSource;
let mailer: Mailer;
let workerConnection: NativeConnection;
let clientConnection: Connection;
let client: Client;
const workers: Worker[] = [];
const running: Promise<void>[] = [];
const inbox = new MailInbox();

beforeAll(async () => {
  owner = await openTestDataSource();
  jointData = await openServiceDataSource('joint-protocol');
  caseRecord = await openServiceDataSource('worker');
  mailer = createSmtpMailer(process.env.SMTP_URL!);
  const dataConverter = await createDataConverter({
    payloadEncryptionKey: jointConfig.PAYLOAD_ENCRYPTION_KEY,
  });
  workerConnection = await NativeConnection.connect({ address: jointConfig.TEMPORAL_ADDRESS });
  await ensureSearchAttributes(workerConnection, jointConfig.TEMPORAL_NAMESPACE);
  const verificationKeys =
    process.env.JOINT_COMMAND_VERIFICATION_KEYS ?? process.env.COMMAND_VERIFICATION_KEYS ?? '';
  workers.push(
    await Worker.create({
      connection: workerConnection,
      taskQueue: JOINT_TEST_QUEUE,
      workflowsPath: require.resolve('@complaints/workflows/joint-response'),
      interceptors: { workflowModules: [require.resolve('@complaints/workflows/interceptors')] },
      bundlerOptions: { webpackConfigHook: withCommandVerificationKeys(verificationKeys) },
      dataConverter,
    }),
    // The notices, with links to this test's public site, as joint-protocol's worker sends them.
    await Worker.create({
      connection: workerConnection,
      taskQueue: TASK_QUEUES.jointProtocol,
      activities: createJointResponseActivities({
        dataSource: jointData,
        mailer,
        from: 'complaints@test',
        messageIdDomain: 'complaints.test',
        partnerServiceUrl: 'https://partners.test',
        partnerLinkUrl: site().url,
      }),
      dataConverter,
    }),
    // The lead's timeline, where the joint workflow records each partner's step.
    await Worker.create({
      connection: workerConnection,
      taskQueue: TASK_QUEUES.complaints,
      activities: createCaseRecordActivities({ dataSource: caseRecord }),
      dataConverter,
    }),
  );
  running.push(...workers.map((worker) => worker.run()));
  clientConnection = await Connection.connect({ address: jointConfig.TEMPORAL_ADDRESS });
  client = new Client({ connection: clientConnection, dataConverter });
}, 180_000);

afterAll(async () => {
  workers.forEach((worker) => worker.shutdown());
  await Promise.all(running);
  await workerConnection?.close();
  await clientConnection?.close();
  mailer?.close();
  await jointProtocol?.close();
  await Promise.all([owner, jointData, caseRecord].map((source) => source?.destroy()));
});

async function expectAccessible(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await site().audit(page, name) }).toEqual({ page: name, violations: [] });
}

async function lead(method: string, path: string, request?: object) {
  const token = await site().staffToken('complaints-manager@hpft.demo');
  const response = await fetch(`${site().apiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: request ? JSON.stringify(request) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface JointFixture {
  jointCaseId: string;
  reference: string;
  complaintId: string;
  hctIssue: string;
  hctIssueId: string;
  councilIssue: string;
  councilIssueId: string;
}

/** A HPFT complaint made joint with HCT (not on the system) and the council, as the lead's side does it. */
async function jointCase(hctConsent: 'given' | 'sought'): Promise<JointFixture> {
  const file = await writeCaseFile(owner, { closedAt: null });
  const hctIssue = `The district nurse visits stopped after discharge (${uniqueSuffix()}).`;
  const [{ id: hctIssueId }] = await owner.query(
    `INSERT INTO complaint_issue (complaint_id, position, description) VALUES ($1, 2, $2) RETURNING id`,
    [file.complaintId, hctIssue],
  );
  const [{ id: jointCaseId }] = await owner.query(
    `INSERT INTO joint_case (complaint_id, protocol_code, lead_code, received_by_code, lead_received_on, lead_decision, decided_by, complex)
     VALUES ($1, 'hertfordshire', 'HPFT', 'HPFT', '2036-03-02', '{"decisive":["primary-focus"],"reasons":"mental health care"}', 'hpft-complaints-manager', false)
     RETURNING id`,
    [file.complaintId],
  );
  await owner.query(
    `INSERT INTO joint_case_partner (joint_case_id, partner_code, role, issue_ids, consent) VALUES
       ($1, 'HPFT', 'lead', '{}', 'given'), ($1, 'HCT', 'partner', ARRAY[$2]::uuid[], $4),
       ($1, 'HCCACS', 'partner', ARRAY[$3]::uuid[], 'given')`,
    [jointCaseId, hctIssueId, file.issueId, hctConsent],
  );
  const input: JointResponseInput = {
    jointCaseId,
    complaintReference: file.reference,
    protocolCode: 'hertfordshire',
    leadCode: 'HPFT',
    members: [
      { code: 'HPFT', role: 'lead' },
      { code: 'HCT', role: 'partner' },
      { code: 'HCCACS', role: 'partner' },
    ],
    leadReceivedOn: '2036-03-02',
    complex: false,
  };
  // As the lead's complaint workflow starts its child.
  await client.workflow.start('jointResponse', {
    workflowId: jointResponseWorkflowId(jointCaseId),
    taskQueue: JOINT_TEST_QUEUE,
    args: [input],
  });
  return {
    jointCaseId,
    reference: file.reference,
    complaintId: file.complaintId,
    hctIssue,
    hctIssueId,
    councilIssue: file.issueText,
    councilIssueId: file.issueId,
  };
}

/** The link in the notice HCT's complaints manager was sent, read from the real inbox. */
async function linkFromEmail(fixture: JointFixture): Promise<string> {
  const [notice] = await inbox.waitFor(
    (message) =>
      message.subject.includes(fixture.reference) &&
      message.to.some((to) => to.address === 'complaints-manager@hct.demo'),
  );
  const link = new RegExp(`${site().url.replace(/[.:/]/g, '\\$&')}/partner-links/[A-Za-z0-9_-]+`).exec(
    notice.text,
  )?.[0];
  expect(link).toBeDefined();
  return link!;
}

const state = (fixture: JointFixture) =>
  client.workflow.getHandle(jointResponseWorkflowId(fixture.jointCaseId)).query(jointResponseStateQuery);

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const submit = (page: Page, button: string) =>
  Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button, exact: true }).click()]);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("a partner not on the system, from its email's single-use link", () => {
  it('R-JOINT-2 R-JOINT-4 R-JOINT-5 R-JOINT-7: lands without spending it, continues, sees only its part, contributes, varies, reads and approves the draft, disagrees and records its learning; the link then refused', async () => {
    const fixture = await jointCase('given');
    const link = await linkFromEmail(fixture);
    const page = await site().context.newPage();
    try {
      // The landing page spends nothing: a mail scanner's fetch, and the person's own, leave it working.
      const scanned = await page.request.get(link);
      expect(scanned.status()).toBe(200);
      const landing = await page.goto(link);
      expect(landing?.status()).toBe(200);
      await expectAccessible(page, 'partner-01-landing');
      expect(await page.locator('#asks').innerText()).toBe(
        'Hertfordshire Partnership University NHS Foundation Trust is leading the response to a complaint under the Hertfordshire Joint Protocol, and asks Hertfordshire Community NHS Trust to take part.',
      );
      expect(await page.content()).not.toContain(fixture.reference);
      const [{ used }] = await owner.query(
        `SELECT count(*) FILTER (WHERE used_at IS NOT NULL)::int AS used FROM access_link WHERE complaint_id = $1 AND single_use`,
        [fixture.complaintId],
      );
      expect(used).toBe(0);

      await submit(page, 'Continue');
      // The token has left the address bar: the case page's address names only the joint case.
      expect(page.url()).toBe(`${site().url}/partner-cases/${fixture.jointCaseId}`);
      await expectAccessible(page, 'partner-02-case');
      expect(await page.locator('h1').innerText()).toBe(`Joint complaint ${fixture.reference}`);
      expect(await page.locator('#issues li').allInnerTexts()).toEqual([fixture.hctIssue]);
      expect(await page.content()).not.toContain(fixture.councilIssue);
      expect(await page.getByText('has not yet agreed the timescale').count()).toBe(1);

      // The lead agrees the timescale through the complaints API; HCT's deadline shows.
      await waitFor(async () => (await state(fixture)).partners.every((p) => p.notified), 'notified');
      const agreed = await lead('POST', `/complaints/${fixture.reference}/joint-response/timescale`, {
        responseDueOn: inDays(30),
        contributionDue: { HCT: inDays(20), HCCACS: inDays(20) },
      });
      expect(agreed.status).toBe(200);
      await page.reload();
      expect(await page.locator('#contribution-due').count()).toBe(1);

      // The API's 400 names the missing field: shown in the error summary, linked to the box.
      await submit(page, 'Send contribution');
      await expectAccessible(page, 'partner-03-contribution-error');
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        "Enter your organisation's contribution",
      );
      expect(await page.locator('.nhsuk-error-summary a').first().getAttribute('href')).toBe('#contribution');
      const words = 'HCT restarted the district nurse visits on 3 March and has apologised to the family.';
      await page.getByLabel("Your organisation's contribution").fill(words);
      await submit(page, 'Send contribution');
      expect(page.url()).toBe(`${site().url}/partner-cases/${fixture.jointCaseId}?sent=contribution`);
      await expectAccessible(page, 'partner-04-contribution-sent');
      expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain(
        'Your contribution has been sent',
      );
      expect(await page.locator('#contributions summary').allInnerTexts()).toEqual([
        expect.stringMatching(/^Version 1, sent /),
      ]);

      // The lead sees it: the contribution's words in its record, its version in the joint process.
      const seen = await lead('GET', `/complaints/${fixture.reference}/joint-response`);
      expect(seen.status).toBe(200);
      expect(seen.body.contributions).toEqual([
        expect.objectContaining({ partnerCode: 'HCT', version: 1, body: words }),
      ]);
      const process = seen.body.process as { partners: { code: string; contribution?: object }[] };
      expect(process.partners.find((p) => p.code === 'HCT')?.contribution).toMatchObject({ version: 1 });

      // R-JOINT-4: reasons for a variation from HCT's own timescales.
      await page.getByLabel('Reasons for varying from our own timescales').check();
      await page.getByLabel('Reasons', { exact: true }).fill('Our own timescale is 25 working days.');
      await submit(page, 'Record');
      await expectAccessible(page, 'partner-05-variation-recorded');
      expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain('has been sent');
      const variations = await owner.query(
        `SELECT partner_code, kind, reasons FROM joint_variation WHERE joint_case_id = $1`,
        [fixture.jointCaseId],
      );
      expect(variations).toEqual([
        { partner_code: 'HCT', kind: 'variation', reasons: 'Our own timescale is 25 working days.' },
      ]);

      // R-JOINT-5: the lead shares its draft (the lead's complaint workflow signals it).
      const handle = client.workflow.getHandle(jointResponseWorkflowId(fixture.jointCaseId));
      await handle.signal(draftSharedForApprovalSignal, { version: 1, approvalDueOn: inDays(7) });
      await waitFor(async () => (await state(fixture)).draft?.version === 1, 'draft 1 out');
      await page.reload();
      expect(await page.locator('#draft').innerText()).toBe('Draft response, version 1');
      // Asking for changes needs comments: the API's 400 names the field.
      await page.getByLabel('No, we ask for changes').check();
      await submit(page, 'Send decision');
      await expectAccessible(page, 'partner-06-decision-error');
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        'Enter your comments on the draft',
      );
      // Meanwhile the lead replaces it: deciding on version 1 is refused, the rule named.
      await owner.query(
        `INSERT INTO final_response_draft (complaint_reference, version, content, cover_letter, created_by)
         VALUES ($1, 2, $2, NULL, 'hpft-handler')`,
        [
          fixture.reference,
          JSON.stringify({
            sections: {
              'what-went-wrong': 'Nobody told the district nurses that he had gone home.',
              apology: 'We are all sorry.',
            },
            sectionContributors: { 'what-went-wrong': ['HPFT', 'HCT'] },
            findings: [
              {
                issueId: fixture.hctIssueId,
                outcome: 'upheld',
                finding: 'The referral was never sent.',
                contributedBy: ['HCT'],
              },
              {
                issueId: fixture.councilIssueId,
                outcome: 'not-upheld',
                finding: 'The council acted on what it was told.',
                contributedBy: ['HCCACS'],
              },
            ],
            remedies: [{ kind: 'apology', detail: 'This letter.' }],
            actions: [],
            careContext: 'nhs-care',
            partiesComments: 'What the family said on the phone.',
          }),
        ],
      );
      await handle.signal(draftSharedForApprovalSignal, { version: 2, approvalDueOn: inDays(7) });
      await waitFor(async () => (await state(fixture)).draft?.version === 2, 'draft 2 out');
      await page.getByLabel('Yes, we approve it').check();
      await submit(page, 'Send decision');
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain(
        'Version 1 was superseded by version 2 (R-JOINT-5)',
      );
      await expectAccessible(page, 'partner-07-decision-refused');
      expect(await page.locator('#draft').innerText()).toBe('Draft response, version 2');
      // HCT approves what it has read: the draft's words, each part with who contributed it; of the other
      // partners' issues only their findings, never their descriptions (R-JOINT-2); not the lead's notes.
      const draftWords = await page.locator('#draft-words').innerText();
      expect(draftWords).toContain('What went wrong');
      expect(draftWords).toContain('Nobody told the district nurses that he had gone home.');
      expect(draftWords).toContain('Contributed by HPFT, HCT');
      expect(await page.locator('#draft-findings li').allInnerTexts()).toEqual([
        `${fixture.hctIssue} Upheld. The referral was never sent. (contributed by HCT)`,
        'Not upheld. The council acted on what it was told. (contributed by HCCACS)',
      ]);
      expect(draftWords).toContain('This letter.');
      expect(draftWords).not.toContain(fixture.councilIssue);
      expect(draftWords).not.toContain('What the family said');
      await page.getByLabel('Yes, we approve it').check();
      await submit(page, 'Send decision');
      expect(await page.locator('#my-decision').innerText()).toMatch(/^You approved version 2 on /);
      await expectAccessible(page, 'partner-08-approved');
      // Nothing found HCT's part resolved yet, so there is nothing to withdraw with (R-JOINT-7).
      expect(await page.locator('#withdraw').count()).toBe(0);

      // R-JOINT-7: a disagreement with the lead, referred to each one's senior manager.
      await page
        .getByLabel('What do you disagree about?')
        .fill('The draft says the referral was never sent; our log shows it arrived late.');
      await submit(page, 'Raise disagreement');
      expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain(
        'Your disagreement has been sent',
      );
      await expectAccessible(page, 'partner-09-disagreement-raised');
      // Protocol 3.4: HCT's learning and action points, one per line.
      await page.getByLabel('What has your organisation learned?').fill('Referrals need a same-day check.');
      await page.getByLabel('Action points (optional)').fill('Audit ward referrals\n\nTrain the ward clerks');
      await submit(page, 'Record learning');
      expect(await page.locator('#learning-recorded').count()).toBe(1);
      await expectAccessible(page, 'partner-10-learning-recorded');
      expect(
        await owner.query(
          `SELECT raised_by_code, with_codes FROM joint_disagreement WHERE joint_case_id = $1`,
          [fixture.jointCaseId],
        ),
      ).toEqual([{ raised_by_code: 'HCT', with_codes: ['HPFT'] }]);
      const [learning] = await owner.query(
        `SELECT organisation_code, learning, action_points FROM joint_learning WHERE joint_case_id = $1`,
        [fixture.jointCaseId],
      );
      expect(learning).toEqual({
        organisation_code: 'HCT',
        learning: 'Referrals need a same-day check.',
        action_points: [
          { action: 'Audit ward referrals', owner: 'HCT' },
          { action: 'Train the ward clerks', owner: 'HCT' },
        ],
      });
      const decided = await lead('GET', `/complaints/${fixture.reference}/joint-response`);
      expect(
        (decided.body.decisions as { partnerCode: string; draftVersion: number; decision: string }[]).map(
          ({ partnerCode, draftVersion, decision }) => ({ partnerCode, draftVersion, decision }),
        ),
      ).toEqual([{ partnerCode: 'HCT', draftVersion: 2, decision: 'approved' }]);

      // Every opening through the link is in the access log, as the link.
      const logged = (await owner.query(
        `SELECT DISTINCT basis, organisation_code FROM access_log_entry WHERE complaint_reference = $1 AND staff_id LIKE 'link:%'`,
        [fixture.reference],
      )) as { basis: string; organisation_code: string }[];
      expect(logged).toEqual([{ basis: 'partner-link', organisation_code: 'HCT' }]);

      // The same link again: refused, nothing changed, the session opened before still the only one.
      const again = await page.goto(link);
      expect(again?.status()).toBe(410);
      await expectAccessible(page, 'partner-09-link-used');
      expect(await page.locator('h1').innerText()).toBe('This link no longer works');
      const [{ sessions }] = await owner.query(
        `SELECT count(*)::int AS sessions FROM access_link WHERE complaint_id = $1 AND NOT single_use`,
        [fixture.complaintId],
      );
      expect(sessions).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('R-JOINT-2: before consent the case page says only that a joint case exists, and offers nothing to do', async () => {
    const fixture = await jointCase('sought');
    const link = await linkFromEmail(fixture);
    const page = await site().context.newPage();
    try {
      await page.goto(link);
      await submit(page, 'Continue');
      await expectAccessible(page, 'partner-10-not-shared');
      expect(await page.locator('h1').innerText()).toBe(
        'A joint complaint led by Hertfordshire Partnership University NHS Foundation Trust',
      );
      expect(await page.locator('#not-shared').count()).toBe(1);
      const content = await page.content();
      for (const hidden of [fixture.reference, fixture.hctIssue, fixture.councilIssue])
        expect({ hidden, shown: content.includes(hidden) }).toEqual({ hidden, shown: false });
      expect(await page.locator('form').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('refuses an expired link and a made-up one, and a case page without a redeemed link', async () => {
    const fixture = await jointCase('given');
    const expired = await issueAccessLink(owner.manager, {
      purpose: 'partner-case',
      complaintId: fixture.complaintId,
      partnerCode: 'HCT',
      singleUse: true,
      issuedBy: 'test',
      expiresAt: new Date(Date.now() + 1_000),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const page = await site().context.newPage();
    try {
      for (const token of [expired.token, 'made-up-token-made-up-token-made-up']) {
        const answer = await page.goto(`${site().url}/partner-links/${token}`);
        expect(answer?.status()).toBe(410);
        expect(await page.locator('h1').innerText()).toBe('This link no longer works');
      }
      await expectAccessible(page, 'partner-11-link-expired');
      const [{ used }] = await owner.query(
        `SELECT used_at IS NOT NULL AS used FROM access_link WHERE id = $1`,
        [expired.id],
      );
      expect(used).toBe(false);

      // Without a redeemed link in this browser, the case page opens nothing.
      const direct = await page.goto(`${site().url}/partner-cases/${fixture.jointCaseId}`);
      expect(direct?.status()).toBe(403);
      expect(await page.locator('h1').innerText()).toBe('Your session has ended');
      await expectAccessible(page, 'partner-12-session-ended');
    } finally {
      await page.close();
    }
  });

  it('never logs a link token: the request log records its path without it', () => {
    const token = 'Zq3v8ZQm1bF0cX2yW7uTt5sR4pO9nM6lK3jH2gF1dS0';
    expect(logSafePath(`/partner-links/${token}`)).toBe('/partner-links/:token');
    expect(logSafePath(`/partner-links/${token}?utm=x`)).toBe('/partner-links/:token');
    expect(logSafePath('/partner-cases/3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe(
      '/partner-cases/3fa85f64-5717-4562-b3fc-2c963f66afa6',
    );
    expect(logSafePath('/hpft/progress?link=secret')).toBe('/hpft/progress');
  });
});
