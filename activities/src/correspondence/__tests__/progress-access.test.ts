// ADR 0028: the acknowledgement carries the person's way in to their progress page (issue #18 Deliver 3): a link
// in the email (read back from the real SMTP server), a code on the letter (read from the HTML the print copy is
// laid out from), neither in the stored copy; one working link per complaint across retries. Real Postgres and
// maildev, in a real activity Context.
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  AccessLink,
  accessCodeToken,
  Complaint,
  Correspondence,
  inspectAccessLink,
  redeemAccessLink,
  seedDemoData,
} from '@complaints/db';
import type { ReplyChannel } from '@complaints/domain';
import { MailInbox, openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import type { SendCorrespondenceInput } from '../contract';
import { createSmtpMailer, DeliveryError, type Mailer } from '../mailer';
import type { LetterPdfInput } from '../pdf';
import { PROGRESS_ACCESS_PLACEHOLDER } from '../progress-access';
import { createCorrespondenceActivities } from '../send-correspondence.activity';
import { TemplateRenderer } from '../template-renderer';

jest.setTimeout(30_000);

const PUBLIC_WEB = 'https://complaints.example.nhs.uk';
let dataSource: DataSource;
let mailer: Mailer;
const inbox = new MailInbox();
/** The HTML each print copy was laid out from, by reference. */
const laidOut = new Map<string, string[]>();

async function layout(letter: LetterPdfInput): Promise<Buffer> {
  laidOut.set(letter.reference, [...(laidOut.get(letter.reference) ?? []), letter.html]);
  return Buffer.from(`%PDF-1.7\n${letter.html}`);
}

const activitiesWith = (withMailer: Mailer) =>
  createCorrespondenceActivities({
    dataSource,
    mailer: withMailer,
    renderer: new TemplateRenderer(),
    messageIdDomain: 'complaints.test.example',
    defaultFrom: '"NHS complaints" <complaints@test.example>',
    layout,
    publicWebUrl: PUBLIC_WEB,
  });

beforeAll(async () => {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) throw new Error('SMTP_URL is not set: run the tests with the README test command');
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  mailer = createSmtpMailer(smtpUrl);
});

afterAll(async () => {
  mailer?.close();
  if (dataSource?.isInitialized) await dataSource.destroy();
});

async function newComplaint(replyChannels: ReplyChannel[], anonymous = false) {
  const reference = `HPFT-2098-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const email = `sam.${uniqueSuffix()}@example.test`;
  const complaints = dataSource.getRepository(Complaint);
  const saved = await complaints.save(
    complaints.create({
      reference,
      organisationCode: 'HPFT',
      kind: 'complaint',
      anonymous,
      channel: 'web-form',
      receivedOn: '2098-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels,
      stage: 'awaiting-acknowledgement',
      handlerId: null,
      createdBy: 'progress-access-test',
      parties: [
        {
          role: 'complainant',
          name: 'Sam Example',
          email,
          address: { lines: ['3 Mill Lane', 'St Albans'], postcode: 'AL1 1AA' },
          relationship: 'patient',
        },
      ],
      issues: [{ position: 1, description: 'My referral was lost.' }],
    }),
  );
  return { reference, email, complaintId: saved.id };
}

const acknowledge = (reference: string, using = activitiesWith(mailer)) => {
  const input: SendCorrespondenceInput = {
    reference,
    step: 'acknowledgement-letter',
    template: 'acknowledgement',
    audience: 'complainant',
  };
  return activityEnvironment({
    workflowExecution: { workflowId: reference, runId: randomUUID() },
    activityId: '1',
  }).run(using.sendCorrespondence, input);
};

const linksOf = (complaintId: string) =>
  dataSource.getRepository(AccessLink).find({ where: { complaintId }, order: { issuedAt: 'ASC' } });
const storedOf = (reference: string) =>
  dataSource.getRepository(Correspondence).find({ where: { complaintReference: reference } });

/** The link's secret from the email as the person received it. */
function tokenIn(text: string): string {
  const match = new RegExp(`${PUBLIC_WEB}/hpft/progress\\?link=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no progress link in: ${text}`);
  return match[1];
}

describe('the acknowledgement carries the way in to the progress page (ADR 0028)', () => {
  it('by email: a working link in the email sent, a placeholder in the stored copy, no second link on a retry', async () => {
    const { reference, email, complaintId } = await newComplaint(['email']);
    await acknowledge(reference);
    const [message] = await inbox.waitFor((m) => m.to.some((to) => to.address === email));
    const token = tokenIn(message.text);
    expect(message.html).toContain(`href="${PUBLIC_WEB}/hpft/progress?link=${token}"`);
    expect(message.text).not.toContain(PROGRESS_ACCESS_PLACEHOLDER);

    // The stored copy has the placeholder, never the secret.
    const [stored] = await storedOf(reference);
    expect(stored.html).toContain(PROGRESS_ACCESS_PLACEHOLDER);
    // The text copy wraps its lines.
    expect(stored.text.replace(/\s+/g, ' ')).toContain(PROGRESS_ACCESS_PLACEHOLDER);
    expect(`${stored.html}${stored.text}`).not.toContain(token);

    const opened = await inspectAccessLink(dataSource.manager, token, 'complainant-progress');
    if (!opened.opened) throw new Error(`the emailed link does not open: ${opened.reason}`);
    expect(opened.link).toEqual(
      expect.objectContaining({ issuedBy: 'acknowledgement', singleUse: false, revokedAt: null }),
    );
    expect(opened.link.expiresAt.getTime() - Date.now()).toBeGreaterThan(364 * 86_400_000);

    // A retried activity finds the email sent: nothing more is sent or issued.
    await acknowledge(reference);
    expect(await linksOf(complaintId)).toHaveLength(1);
    expect(await inbox.messagesTo(email)).toHaveLength(1);
  });

  it('an email the SMTP server did not take now gets a new link when it goes, the first revoked: one working link', async () => {
    const { reference, email, complaintId } = await newComplaint(['email']);
    let refused = 0;
    const flaky: Mailer = {
      ...mailer,
      send: async (message) => {
        if (refused++ === 0) throw new DeliveryError('421 try again later', false);
        return mailer.send(message);
      },
    };
    const using = activitiesWith(flaky);
    await expect(acknowledge(reference, using)).rejects.toThrow('421');
    await acknowledge(reference, using);
    const [message] = await inbox.waitFor((m) => m.to.some((to) => to.address === email));
    const links = await linksOf(complaintId);
    expect(links.map((link) => link.revokedAt === null)).toEqual([false, true]);
    const opened = await redeemAccessLink(dataSource.manager, tokenIn(message.text), 'complainant-progress');
    expect(opened.opened && opened.link.id).toBe(links[1].id);
  });

  it('by letter: a code and the site on the page printed, with the reference; the stored HTML keeps the placeholder', async () => {
    const { reference, complaintId } = await newComplaint(['letter']);
    await acknowledge(reference);
    const [printed] = laidOut.get(reference)!;
    const code = /<strong class="progress-code">([0-9A-Z-]+)<\/strong>/.exec(printed)![1];
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(printed).toContain(`<strong>${PUBLIC_WEB}/hpft/progress</strong>`);
    expect(printed).toContain(`<strong>${reference}</strong>`);
    const [stored] = await storedOf(reference);
    expect(stored.status).toBe('sent'); // queued to print
    expect(stored.html).toContain(PROGRESS_ACCESS_PLACEHOLDER);
    expect(stored.html).not.toContain(code);

    // The code opens the page only with its own reference, typed as a person might.
    const typed = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    const opened = await inspectAccessLink(
      dataSource.manager,
      accessCodeToken(reference.toLowerCase(), typed)!,
      'complainant-progress',
    );
    expect(opened.opened).toBe(true);
    const other = await newComplaint(['letter']);
    expect(
      await inspectAccessLink(
        dataSource.manager,
        accessCodeToken(other.reference, code)!,
        'complainant-progress',
      ),
    ).toEqual({ opened: false, reason: 'unknown' });

    // A retry finds the print copy made: no second code.
    await acknowledge(reference);
    expect(laidOut.get(reference)).toHaveLength(1);
    expect(await linksOf(complaintId)).toHaveLength(1);
  });

  it('by email and letter: the link in the email, and the letter says it was emailed (one way in)', async () => {
    const { reference, email, complaintId } = await newComplaint(['email', 'letter']);
    await acknowledge(reference);
    await inbox.waitFor((m) => m.to.some((to) => to.address === email));
    const [printed] = laidOut.get(reference)!;
    expect(printed).toContain('We have emailed you a link to your own progress page');
    expect(printed).not.toContain('progress-code');
    expect(await linksOf(complaintId)).toHaveLength(1);
  });

  it('an anonymous complaint has nobody to give one to (R-INT-4)', async () => {
    const { reference, complaintId } = await newComplaint(['letter'], true);
    await acknowledge(reference);
    expect(await linksOf(complaintId)).toEqual([]);
    for (const item of await storedOf(reference))
      expect(item.html).not.toContain(PROGRESS_ACCESS_PLACEHOLDER);
  });
});
