// sendCorrespondence against the real test Postgres and the real SMTP server (maildev, read back through its
// web API), run in a real activity Context (MockActivityEnvironment). Each test has its own complaint
// (unique reference) and its own complainant address, so tests and other files sharing the inbox never collide.
import { randomInt, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  Complaint,
  Correspondence,
  FinalResponseDraft,
  seedDemoData,
  SignOffDelegation,
  StaffUser,
  type PostalAddress,
} from '@complaints/db';
import type { FinalResponseContent } from '@complaints/domain';
import { MailInbox, openTestDataSource, uniqueSuffix, type ReceivedMessage } from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import type { SendCorrespondenceInput } from '../contract';
import { createSmtpMailer, type Mailer } from '../mailer';
import {
  createCorrespondenceActivities,
  type CorrespondenceActivities,
} from '../send-correspondence.activity';
import { TemplateRenderer } from '../template-renderer';
import { type ReplyChannel } from '@complaints/domain';

jest.setTimeout(20_000);

const MESSAGE_ID_DOMAIN = 'complaints.test.example';
const DEFAULT_FROM = '"NHS complaints" <complaints@test.example>';
const HPFT_NAME = 'Hertfordshire Partnership University NHS Foundation Trust';
const HPFT_EMAIL = 'hpft.complaints@nhs.example';

let dataSource: DataSource;
let mailer: Mailer;
let renderer: TemplateRenderer;
let activities: CorrespondenceActivities;
const inbox = new MailInbox();

function activitiesWith(withMailer: Mailer): CorrespondenceActivities {
  return createCorrespondenceActivities({
    dataSource,
    mailer: withMailer,
    renderer,
    messageIdDomain: MESSAGE_ID_DOMAIN,
    defaultFrom: DEFAULT_FROM,
  });
}

beforeAll(async () => {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) throw new Error('SMTP_URL is not set: run the tests with the README test command');
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  mailer = createSmtpMailer(smtpUrl);
  renderer = new TemplateRenderer();
  activities = activitiesWith(mailer);
});

afterAll(async () => {
  mailer?.close();
  // The case files stay: the schema lets one go only by disposal (ADR 0013), and the test database is thrown away.
  if (dataSource?.isInitialized) await dataSource.destroy();
});

interface ComplaintFixture {
  name?: string;
  email?: string | null;
  address?: PostalAddress | null;
  replyChannels?: ReplyChannel[];
  anonymous?: boolean;
  handlerId?: string | null;
  /** The issues in the person's own words, in order (R-INT-2). */
  issues?: string[];
}

/** An HPFT complaint with its complainant, inserted straight into the record. */
async function newComplaint(fixture: ComplaintFixture = {}): Promise<string> {
  const reference = `HPFT-2099-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const complaints = dataSource.getRepository(Complaint);
  await complaints.save(
    complaints.create({
      reference,
      organisationCode: 'HPFT',
      kind: 'complaint',
      anonymous: fixture.anonymous ?? false,
      channel: 'web-form',
      receivedOn: '2099-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels: fixture.replyChannels ?? ['email', 'letter'],
      stage: 'awaiting-acknowledgement',
      handlerId: fixture.handlerId ?? null,
      createdBy: 'send-correspondence-test',
      parties: [
        {
          role: 'complainant',
          name: fixture.name ?? 'Alex Example',
          email: fixture.email === undefined ? `alex.${uniqueSuffix()}@example.test` : fixture.email,
          address:
            fixture.address === undefined
              ? { lines: ['12 Acacia Avenue', 'Hatfield'], postcode: 'AL10 9AB' }
              : fixture.address,
          relationship: 'patient',
        },
      ],
      issues: (fixture.issues ?? []).map((description, index) => ({ position: index + 1, description })),
    }),
  );
  return reference;
}

async function complainantEmail(reference: string): Promise<string> {
  const complaint = await dataSource
    .getRepository(Complaint)
    .findOneOrFail({ where: { reference }, relations: { parties: true } });
  return complaint.parties[0].email!;
}

function send(input: SendCorrespondenceInput, using: CorrespondenceActivities = activities) {
  return activityEnvironment({
    workflowExecution: { workflowId: input.reference, runId: randomUUID() },
    activityId: '1',
  }).run(using.sendCorrespondence, input);
}

const rowsOf = (reference: string) =>
  dataSource
    .getRepository(Correspondence)
    .find({ where: { complaintReference: reference }, order: { channel: 'ASC', createdAt: 'ASC' } });
const expectedMessageId = (reference: string, step: string, channel: string) =>
  `${reference}.${step}.${channel}@${MESSAGE_ID_DOMAIN}`;
const withMessageId = (messageId: string) => (message: ReceivedMessage) => message.messageId === messageId;

/** Proves everything sent before it has been received: sends another email to `address` and waits for it. */
async function flushInbox(reference: string, step: string): Promise<void> {
  await send({ reference, step, template: 'acknowledgement', audience: 'complainant' });
  await inbox.waitFor(withMessageId(expectedMessageId(reference, step, 'email')));
}

describe('sendCorrespondence to the complainant', () => {
  it('emails the acknowledgement and queues the letter, as the complainant asked (R-INT-2)', async () => {
    const reference = await newComplaint({ name: 'Alex Example' });
    const email = await complainantEmail(reference);
    const input: SendCorrespondenceInput = {
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    };
    const before = Date.now();

    const result = await send(input);

    expect(result).toEqual({
      items: [
        { correspondenceId: expect.any(String), channel: 'email', status: 'delivered' },
        { correspondenceId: expect.any(String), channel: 'letter', status: 'sent' },
      ],
      noUsableContact: false,
    });

    const messageId = expectedMessageId(reference, 'acknowledgement-letter', 'email');
    const [message] = await inbox.waitFor((candidate) => candidate.to.some((to) => to.address === email));
    expect(message.messageId).toBe(messageId);
    expect(message.headers['message-id']).toBe(`<${messageId}>`);
    expect(message.headers['auto-submitted']).toBe('auto-generated');
    expect(message.subject).toBe(`Your complaint ${reference}: acknowledgement`);
    expect(message.to).toEqual([{ address: email, name: 'Alex Example' }]);
    expect(message.from).toEqual([{ address: HPFT_EMAIL, name: HPFT_NAME }]);
    expect(message.html).toContain('Dear Alex Example,');
    expect(message.html).toContain(`Our reference: ${reference}`);
    expect(message.html).toContain('this letter is our formal acknowledgement');
    expect(message.text).toContain('Dear Alex Example,');
    expect(message.text).toContain(reference);
    expect(message.text).not.toContain('<p>');

    const [emailRow, letterRow] = await rowsOf(reference);
    expect(emailRow).toMatchObject({
      id: result.items[0].correspondenceId,
      idempotencyKey: `${reference}:acknowledgement-letter:email`,
      template: 'acknowledgement',
      templateVersion: 4,
      channel: 'email',
      audience: 'complainant',
      recipient: email,
      subject: message.subject,
      status: 'delivered',
      messageId: `<${messageId}>`,
      attempts: 1,
      lastError: null,
    });
    expect(emailRow.sentAt).toBeInstanceOf(Date);
    expect(emailRow.sentAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(emailRow.sentAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    expect(letterRow).toMatchObject({
      id: result.items[1].correspondenceId,
      template: 'acknowledgement',
      templateVersion: 4,
      channel: 'letter',
      audience: 'complainant',
      recipient: 'Alex Example\n12 Acacia Avenue\nHatfield\nAL10 9AB',
      status: 'sent',
      attempts: 0,
      sentAt: expect.any(Date),
      deliveredAt: null,
    });
    // The lifecycle, a timestamp per step (ADR 0007): the email through SMTP, the letter queued to print.
    const steps = (row: Correspondence) =>
      row.history.map((change) => [change.status, change.reason ?? null]);
    expect(steps(emailRow)).toEqual([
      ['drafted', null],
      ['sending', null],
      ['sent', null],
      ['delivered', null],
    ]);
    expect(steps(letterRow)).toEqual([
      ['drafted', null],
      ['sent', 'QueuedToPrint'],
    ]);
    const times = emailRow.history.map((change) => Date.parse(change.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThanOrEqual(before - 1000);
    expect(emailRow.deliveredAt!.toISOString()).toBe(emailRow.history[3].at);
    expect(emailRow.sentAt!.toISOString()).toBe(emailRow.history[2].at);
    expect(letterRow.html.replace(/\s+/g, ' ')).toContain(
      'Alex Example<br> 12 Acacia Avenue<br>Hatfield<br> AL10 9AB',
    );
    expect(emailRow.html).not.toContain('12 Acacia Avenue');
  });

  it('emails the early-resolution summary recorded on the complaint, and queues the letter (R-ER-1)', async () => {
    const reference = await newComplaint({ name: 'Alex Example' });
    const email = await complainantEmail(reference);
    const summary =
      'You told us your clinic appointment was cancelled twice without notice. We apologised, booked you a new appointment & asked the clinic to phone patients about changes <as agreed>.';
    await dataSource.getRepository(Complaint).update({ reference }, { earlyResolutionSummary: summary });

    const result = await send({
      reference,
      step: 'early-resolution-summary',
      template: 'early-resolution-summary',
      audience: 'complainant',
    });
    expect(result.items.map((item) => [item.channel, item.status])).toEqual([
      ['email', 'delivered'],
      ['letter', 'sent'],
    ]);

    const [message] = await inbox.waitFor(
      withMessageId(expectedMessageId(reference, 'early-resolution-summary', 'email')),
    );
    expect(message.subject).toBe(`Your complaint ${reference}: how it was resolved`);
    expect(message.to).toEqual([{ address: email, name: 'Alex Example' }]);
    expect(message.from).toEqual([{ address: HPFT_EMAIL, name: HPFT_NAME }]);
    const html = message.html.replace(/\s+/g, ' ');
    const text = message.text.replace(/\s+/g, ' ');
    expect(html).toContain('Dear Alex Example,');
    expect(html).toContain('Your complaint and how it was resolved');
    expect(html).toContain(
      'booked you a new appointment &amp; asked the clinic to phone patients about changes &lt;as agreed&gt;.',
    );
    expect(html).not.toContain('<as agreed>');
    expect(text).toContain(summary);
    expect(text).toContain('which we received on Monday 2 March 2099');

    const [emailRow, letterRow] = await rowsOf(reference);
    expect(emailRow).toMatchObject({
      template: 'early-resolution-summary',
      templateVersion: 1,
      channel: 'email',
      audience: 'complainant',
      recipient: email,
      subject: message.subject,
      status: 'delivered',
    });
    expect(letterRow).toMatchObject({
      template: 'early-resolution-summary',
      channel: 'letter',
      status: 'sent',
    });
    expect(letterRow.text.replace(/\s+/g, ' ')).toContain(summary);
    expect(letterRow.html.replace(/\s+/g, ' ')).toContain('Alex Example<br> 12 Acacia Avenue<br>Hatfield');
  });

  it('is idempotent: the same input again sends nothing more and returns the same items', async () => {
    const reference = await newComplaint();
    const email = await complainantEmail(reference);
    const input: SendCorrespondenceInput = {
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    };
    const first = await send(input);
    await inbox.waitFor(withMessageId(expectedMessageId(reference, 'acknowledgement-letter', 'email')));

    const second = await send(input);
    const third = await send(input);
    expect(second).toEqual(first);
    expect(third).toEqual(first);

    await flushInbox(reference, 'flush');
    const received = await inbox.messagesTo(email);
    expect(received.map((message) => message.messageId).sort()).toEqual(
      [
        expectedMessageId(reference, 'acknowledgement-letter', 'email'),
        expectedMessageId(reference, 'flush', 'email'),
      ].sort(),
    );
    const rows = await rowsOf(reference);
    expect(
      rows
        .filter((row) => row.idempotencyKey.includes(':acknowledgement-letter:'))
        .map((row) => [row.channel, row.status, row.attempts]),
    ).toEqual([
      ['email', 'delivered', 1],
      ['letter', 'sent', 0],
    ]);
  });

  it('sends by letter only when that is all the complainant asked for', async () => {
    const reference = await newComplaint({ replyChannels: ['letter'] });
    const result = await send({
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    });
    expect(result.items.map((item) => [item.channel, item.status])).toEqual([['letter', 'sent']]);
    expect((await rowsOf(reference)).map((row) => row.channel)).toEqual(['letter']);
  });

  it('reports noUsableContact when the complainant has neither email nor address', async () => {
    const reference = await newComplaint({ email: null, address: null });
    const result = await send({
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    });
    expect(result).toEqual({ items: [], noUsableContact: true });
    expect(await rowsOf(reference)).toEqual([]);
  });

  it('sends nothing for an anonymous complaint (R-INT-4)', async () => {
    const reference = await newComplaint({ anonymous: true });
    const email = await complainantEmail(reference);
    const result = await send({
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    });
    expect(result.items).toEqual([]);
    // Rows are written before anything is sent: none means nothing went out.
    expect(await rowsOf(reference)).toEqual([]);
    expect(await inbox.messagesTo(email)).toEqual([]);
  });
});

describe('sendCorrespondence to staff', () => {
  async function complaintsManagersOfHpft(): Promise<string[]> {
    const managers = await dataSource
      .getRepository(StaffUser)
      .createQueryBuilder('staff')
      .where('staff.organisation_code = :code', { code: 'HPFT' })
      .andWhere(':role = ANY(staff.roles)', { role: 'complaints-manager' })
      .orderBy('staff.id')
      .getMany();
    return managers.map((manager) => manager.email);
  }

  it("'handler' with no handler assigned: the reminder goes to the organisation's complaints managers", async () => {
    const reference = await newComplaint({ name: 'Alex Example', handlerId: null });
    const managers = await complaintsManagersOfHpft();
    expect(managers).toContain('complaints-manager@hpft.demo');

    const result = await send({
      reference,
      step: 'acknowledgement-reminder',
      template: 'deadline-reminder',
      audience: 'handler',
      facts: { deadline: 'acknowledgement', due: '2026-12-31', rule: 'R-ACK-1' },
    });
    expect(result.items.map((item) => [item.channel, item.status])).toEqual([['email', 'delivered']]);

    const [message] = await inbox.waitFor(
      withMessageId(expectedMessageId(reference, 'acknowledgement-reminder', 'email')),
    );
    expect(message.subject).toBe(
      `Reminder: acknowledgement for complaint ${reference} due Thursday 31 December 2026`,
    );
    expect(message.to.map((to) => to.address).sort()).toEqual([...managers].sort());
    expect(message.to).toContainEqual({
      address: 'complaints-manager@hpft.demo',
      name: 'Complaints Manager (HPFT)',
    });
    expect(message.text.replace(/\s+/g, ' ')).toContain(
      `The acknowledgement for complaint ${reference} is due by the end of Thursday 31 December 2026 (rule R-ACK-1)`,
    );
    // Staff email carries the reference only, never the complainant's details.
    expect(message.html).not.toContain('Alex Example');
    expect(message.html).not.toContain('Acacia');

    const [row] = await rowsOf(reference);
    expect(row).toMatchObject({
      template: 'deadline-reminder',
      templateVersion: 1,
      audience: 'handler',
      channel: 'email',
      status: 'delivered',
      recipient: managers.join(', '),
    });
  });

  it("'handler' with a handler assigned: the reminder goes to that handler only", async () => {
    const reference = await newComplaint({ handlerId: 'hpft-handler' });
    await send({
      reference,
      step: 'final-response-reminder-2026-12-31',
      template: 'deadline-reminder',
      audience: 'handler',
      facts: { deadline: 'final response', due: '2026-12-31', rule: 'R-INV-4' },
    });
    const [message] = await inbox.waitFor(
      withMessageId(expectedMessageId(reference, 'final-response-reminder-2026-12-31', 'email')),
    );
    expect(message.to).toEqual([{ address: 'handler@hpft.demo', name: 'Complaint Handler (HPFT)' }]);
    expect(message.subject).toBe(
      `Reminder: final response for complaint ${reference} due Thursday 31 December 2026`,
    );
    expect(message.text).toContain('rule R-INV-4');
  });

  it("'complaints-manager': the breach escalation goes to the complaints managers", async () => {
    const reference = await newComplaint({ handlerId: 'hpft-handler' });
    const managers = await complaintsManagersOfHpft();
    const result = await send({
      reference,
      step: 'early-resolution-escalation-2026-12-31',
      template: 'deadline-breach',
      audience: 'complaints-manager',
      facts: { deadline: 'early-resolution aim', due: '2026-12-31', rule: 'R-ER-1' },
    });
    expect(result.noUsableContact).toBe(false);
    const [message] = await inbox.waitFor(
      withMessageId(expectedMessageId(reference, 'early-resolution-escalation-2026-12-31', 'email')),
    );
    expect(message.subject).toBe(
      `Escalation: early-resolution aim for complaint ${reference} missed (Thursday 31 December 2026)`,
    );
    expect(message.to.map((to) => to.address).sort()).toEqual([...managers].sort());
    expect(message.to).not.toContainEqual(expect.objectContaining({ address: 'handler@hpft.demo' }));
    const text = message.text.replace(/\s+/g, ' ');
    expect(text).toContain(
      `The early-resolution aim for complaint ${reference} was due by the end of Thursday 31 December 2026 (rule R-ER-1) and has been missed.`,
    );
    expect(text).toContain('It has been escalated to you: please make sure it is dealt with now');
    const [row] = await rowsOf(reference);
    expect(row).toMatchObject({
      template: 'deadline-breach',
      audience: 'complaints-manager',
      status: 'delivered',
    });
  });

  it("'responsible-person': the approval request goes to every holder of that role in the organisation, and carries no personal data", async () => {
    const reference = await newComplaint({ name: 'Alex Example', handlerId: 'hpft-handler' });
    const holders = await dataSource
      .getRepository(StaffUser)
      .createQueryBuilder('staff')
      .where('staff.organisation_code = :code', { code: 'HPFT' })
      .andWhere(':role = ANY(staff.roles)', { role: 'responsible-person' })
      .getMany();
    expect(holders.map((holder) => holder.email)).toContain('responsible-person@hpft.demo');

    const result = await send({
      reference,
      step: 'chief-executive-approval-request',
      template: 'approval-request',
      audience: 'responsible-person',
      facts: { document: 'final-response', step: 'chief-executive-approval', due: '2026-12-31' },
    });
    expect(result.items.map((item) => [item.channel, item.status])).toEqual([['email', 'delivered']]);
    const [message] = await inbox.waitFor(
      withMessageId(expectedMessageId(reference, 'chief-executive-approval-request', 'email')),
    );
    expect(message.subject).toBe(`Approval needed: final response for complaint ${reference}`);
    expect(message.to.map((to) => to.address).sort()).toEqual(holders.map((holder) => holder.email).sort());
    expect(message.to).toContainEqual({
      address: 'responsible-person@hpft.demo',
      name: 'Chief Executive (HPFT)',
    });
    expect(message.to).not.toContainEqual(expect.objectContaining({ address: 'senior-manager@hpft.demo' }));
    expect(message.to).not.toContainEqual(expect.objectContaining({ address: 'handler@hpft.demo' }));
    expect(message.text.replace(/\s+/g, ' ')).toContain(
      'is ready for your review and approval at the step "chief-executive-approval", by the end of Thursday 31 December 2026.',
    );
    expect(message.html).not.toContain('Alex Example');
    expect(message.html).not.toContain('Acacia');
    const [row] = await rowsOf(reference);
    expect(row).toMatchObject({
      template: 'approval-request',
      audience: 'responsible-person',
      status: 'delivered',
    });
  });
  it("R-RESP-2: a final response's approval request also goes to a current delegate of the Responsible Person; a six-month letter's and an ended delegate's do not", async () => {
    const reference = await newComplaint({ name: 'Alex Example', handlerId: 'hpft-handler' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const delegations = dataSource.getRepository(SignOffDelegation);
    const delegation = await delegations.save(
      delegations.create({
        organisationCode: 'HPFT',
        delegatedBy: 'hpft-responsible-person',
        delegateId: 'hpft-senior-manager',
        function: 'final-response-sign-off',
        startsOn: today,
        endsOn: today,
        recordedBy: 'hpft-responsible-person',
      }),
    );
    const request = (step: string, document: string) =>
      send({
        reference,
        step,
        template: 'approval-request',
        audience: 'responsible-person',
        facts: { document, step: 'chief-executive-approval', due: '2026-12-31' },
      });
    const recipients = async (step: string) => {
      const [message] = await inbox.waitFor(withMessageId(expectedMessageId(reference, step, 'email')));
      return message.to.map((to) => to.address);
    };
    try {
      await request('response-approval-request', 'final-response');
      expect(await recipients('response-approval-request')).toEqual(
        expect.arrayContaining(['responsible-person@hpft.demo', 'senior-manager@hpft.demo']),
      );
      await request('six-month-approval-request', 'six-month-letter');
      expect(await recipients('six-month-approval-request')).not.toContain('senior-manager@hpft.demo');
    } finally {
      await delegations.update(delegation.id, { endedAt: new Date(), endedBy: 'hpft-responsible-person' });
    }
    await request('response-approval-request-again', 'final-response');
    const again = await recipients('response-approval-request-again');
    expect(again).toContain('responsible-person@hpft.demo');
    expect(again).not.toContain('senior-manager@hpft.demo');
  });
});

describe('sendCorrespondence of the final response (R-RESP-1)', () => {
  const ISSUES = ['My appointment was cancelled twice without notice.', 'Nobody returned my calls.'];

  /** Saves version `version` of the complaint's final-response draft, with a finding for each issue. */
  async function saveDraft(reference: string, version: number): Promise<void> {
    const complaint = await dataSource
      .getRepository(Complaint)
      .findOneOrFail({ where: { reference }, relations: { issues: true } });
    const [first, second] = [...complaint.issues].sort((a, b) => a.position - b.position);
    const content: FinalResponseContent = {
      sections: {
        'issues-and-outcome-sought': 'You wanted a new appointment & an assurance it would not happen again.',
        'how-investigated': 'An investigator not involved in your care spoke to the clinic team.',
        'evidence-considered': 'The appointment records and the telephone log.',
        'what-went-wrong': 'You should have been told of each cancellation 48 hours ahead. You were not.',
        impact: 'You took two days off work for nothing.',
        apology: 'We are sorry that we cancelled your appointments without telling you.',
        'wider-learning': 'The clinic now phones every patient about a cancellation.',
        'staying-involved': 'We will write to you as each action is done.',
      },
      findings: [
        { issueId: second.id, outcome: 'not-upheld', finding: 'Both calls were returned the same day.' },
        {
          issueId: first.id,
          outcome: 'upheld',
          finding: 'Both appointments were cancelled without notice <sic>.',
        },
      ],
      remedies: [{ kind: 'apology', detail: 'This letter is our apology.' }],
      actions: [
        {
          id: 'a1',
          description: 'Retrain the booking team',
          ownerId: 'hpft-complaint-lead',
          due: '2099-06-30',
        },
      ],
      careContext: 'nhs-care',
    };
    const drafts = dataSource.getRepository(FinalResponseDraft);
    await drafts.save(
      drafts.create({
        complaintReference: reference,
        version,
        content,
        coverLetter: null,
        createdBy: 'send-correspondence-test',
      }),
    );
  }

  const facts = { finalResponseVersion: 1, ombudsman: 'phso', round: 'first', stageTwoAvailable: false };

  it('emails the saved draft version as the final response, with the findings under the issues and the Ombudsman', async () => {
    const reference = await newComplaint({
      issues: ISSUES,
      replyChannels: ['email'],
      handlerId: 'hpft-handler',
    });
    const email = await complainantEmail(reference);
    await saveDraft(reference, 1);

    const result = await send({
      reference,
      step: 'final-response',
      template: 'final-response',
      audience: 'complainant',
      facts,
      approvedBy: 'hpft-responsible-person',
    });
    expect(result.items.map((item) => [item.channel, item.status])).toEqual([['email', 'delivered']]);

    const [message] = await inbox.waitFor(
      withMessageId(expectedMessageId(reference, 'final-response', 'email')),
    );
    // R-RESP-2: signed by the Responsible Person who signed it off, by name and job title.
    expect(message.text.replace(/\s+/g, ' ')).toContain(
      'Yours sincerely, Chief Executive (HPFT) Chief Executive Hertfordshire Partnership University NHS Foundation Trust',
    );
    expect(message.subject).toBe(`Your complaint ${reference}: our final response`);
    expect(message.to).toEqual([{ address: email, name: 'Alex Example' }]);
    const text = message.text.replace(/\s+/g, ' ');
    const html = message.html.replace(/\s+/g, ' ');
    expect(text).toContain(
      `Issue 1: ${ISSUES[0]} Outcome: Upheld Both appointments were cancelled without notice <sic>.`,
    );
    expect(text).toContain(
      `Issue 2: ${ISSUES[1]} Outcome: Not upheld Both calls were returned the same day.`,
    );
    expect(html).toContain('Both appointments were cancelled without notice &lt;sic&gt;.');
    expect(html).not.toContain('<sic>');
    expect(text).toContain('Parliamentary and Health Service Ombudsman');
    expect(text).toContain('Retrain the booking team (by Tuesday 30 June 2099)');
    expect(text).toContain('please contact Complaint Handler (HPFT) in our complaints team');

    const [row] = await rowsOf(reference);
    expect(row).toMatchObject({
      template: 'final-response',
      templateVersion: 5,
      audience: 'complainant',
      status: 'delivered',
    });
  });

  it("R-RESP-2: a delegate's sign-off is signed in their name and title, on behalf of the Responsible Person who delegated", async () => {
    const reference = await newComplaint({
      issues: ISSUES,
      replyChannels: ['email'],
      handlerId: 'hpft-handler',
    });
    await saveDraft(reference, 1);
    // Ended since (today): the letter still names whom they signed for. An ended one gives no access elsewhere.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const delegations = dataSource.getRepository(SignOffDelegation);
    await delegations.save(
      delegations.create({
        organisationCode: 'HPFT',
        delegatedBy: 'hpft-responsible-person',
        delegateId: 'hpft-senior-manager',
        function: 'final-response-sign-off',
        startsOn: today,
        endsOn: today,
        recordedBy: 'hpft-responsible-person',
        endedAt: new Date(),
        endedBy: 'hpft-responsible-person',
      }),
    );
    await send({
      reference,
      step: 'final-response',
      template: 'final-response',
      audience: 'complainant',
      facts,
      approvedBy: 'hpft-senior-manager',
    });
    const [message] = await inbox.waitFor(
      withMessageId(expectedMessageId(reference, 'final-response', 'email')),
    );
    expect(message.text.replace(/\s+/g, ' ')).toContain(
      'Yours sincerely, Deputy Chief Executive (HPFT) Deputy Chief Executive on behalf of the Chief Executive Hertfordshire',
    );
    expect(message.text).not.toContain('Complaints Team');
  });

  it('without a saved draft of that version: a non-retryable RenderError, and nothing is sent or recorded', async () => {
    const reference = await newComplaint({ issues: ISSUES, replyChannels: ['email'] });
    await saveDraft(reference, 1);
    const failure = await send({
      reference,
      step: 'final-response',
      template: 'final-response',
      audience: 'complainant',
      facts: { ...facts, finalResponseVersion: 2 },
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'RenderError', nonRetryable: true });
    expect((failure as Error).message).toMatch(/no saved final-response draft of the version asked for/);
    expect(await rowsOf(reference)).toEqual([]);
  });
});

describe('sendCorrespondence failures', () => {
  it('SMTP down: a retryable DeliveryError without personal data, the item back to drafted; the retry sends it once', async () => {
    const name = 'Robin Privateperson';
    const reference = await newComplaint({ name, replyChannels: ['email'] });
    const email = await complainantEmail(reference);
    const input: SendCorrespondenceInput = {
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    };
    const deadMailer = createSmtpMailer('smtp://127.0.0.1:1');
    let failure: unknown;
    try {
      failure = await send(input, activitiesWith(deadMailer)).then(
        () => null,
        (error: unknown) => error,
      );
    } finally {
      deadMailer.close();
    }

    expect(failure).toBeInstanceOf(ApplicationFailure);
    const applicationFailure = failure as ApplicationFailure;
    expect(applicationFailure.type).toBe('DeliveryError');
    expect(applicationFailure.nonRetryable).toBe(false);
    expect(applicationFailure.message).toMatch(/^SMTP delivery failed \(\w+\)$/);
    const reported = JSON.stringify({
      message: applicationFailure.message,
      details: applicationFailure.details ?? null,
    });
    expect(reported).not.toContain(email);
    expect(reported).not.toContain(email.split('@')[0]);
    expect(reported).not.toContain('Robin');
    expect(reported).not.toContain('Privateperson');

    const [pending] = await rowsOf(reference);
    expect(pending).toMatchObject({
      channel: 'email',
      status: 'drafted',
      attempts: 1,
      sentAt: null,
      lastError: applicationFailure.message,
    });

    // The next attempt, with the SMTP server reachable again.
    const result = await send(input);
    expect(result.items.map((item) => [item.correspondenceId, item.status])).toEqual([
      [pending.id, 'delivered'],
    ]);
    await inbox.waitFor(withMessageId(expectedMessageId(reference, 'acknowledgement-letter', 'email')));
    await flushInbox(reference, 'flush');
    const received = await inbox.messagesTo(email);
    expect(
      received.filter(withMessageId(expectedMessageId(reference, 'acknowledgement-letter', 'email'))),
    ).toHaveLength(1);

    const [sent] = await rowsOf(reference);
    expect(sent).toMatchObject({ id: pending.id, status: 'delivered', attempts: 2, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('an unknown template is a non-retryable failure, and nothing is recorded', async () => {
    const reference = await newComplaint();
    const failure = await send({
      reference,
      step: 'final-response',
      template: 'final-response-draft',
      audience: 'complainant',
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'UnknownTemplate',
      nonRetryable: true,
      message: 'unknown template final-response-draft',
    });
    expect(await rowsOf(reference)).toEqual([]);
  });

  it('a reference not in the record fails without sending anything', async () => {
    const unknown = `HPFT-2097-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    await expect(
      send({
        reference: unknown,
        step: 'acknowledgement-letter',
        template: 'acknowledgement',
        audience: 'complainant',
      }),
    ).rejects.toThrow(`no complaint ${unknown} in the record`);
    expect(await rowsOf(unknown)).toEqual([]);
  });
});
