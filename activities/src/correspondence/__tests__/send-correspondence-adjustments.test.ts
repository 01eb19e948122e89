// sendCorrespondence against the real test Postgres and SMTP server: the easy-read variant chosen for a person who
// asked for it (R-INT-2), and an organisation's own templates (issue #5), each recorded on the item it sent.
// Overrides belong to an organisation made for this file, so no other test's letters are affected.
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  Complaint,
  Correspondence,
  Organisation,
  seedDemoData,
  TemplateOverride,
  TemplateOverrideDecision,
} from '@complaints/db';
import { MailInbox, openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import type { SendCorrespondenceInput } from '../contract';
import { createSmtpMailer, type Mailer } from '../mailer';
import {
  createCorrespondenceActivities,
  type CorrespondenceActivities,
} from '../send-correspondence.activity';
import { TemplateRenderer } from '../template-renderer';
import { type AccessibilityNeed } from '@complaints/domain';

jest.setTimeout(20_000);

const MESSAGE_ID_DOMAIN = 'complaints.test.example';
const ORGANISATION = `TO${Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;

let dataSource: DataSource;
let mailer: Mailer;
let activities: CorrespondenceActivities;
const inbox = new MailInbox();
const references: string[] = [];

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  await dataSource.getRepository(Organisation).insert({
    code: ORGANISATION,
    name: 'Test Override NHS Trust',
    profileId: 'hpft',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: { addressLines: ['1 Test Street'], telephone: '01632 960123' },
  });
  mailer = createSmtpMailer(process.env.SMTP_URL!);
  activities = createCorrespondenceActivities({
    dataSource,
    mailer,
    renderer: new TemplateRenderer(),
    messageIdDomain: MESSAGE_ID_DOMAIN,
    defaultFrom: '"NHS complaints" <complaints@test.example>',
  });
});

afterAll(async () => {
  mailer?.close();
  if (dataSource?.isInitialized) {
    await dataSource.query('DELETE FROM correspondence WHERE complaint_reference = ANY($1)', [references]);
    // The acknowledgement's progress links (ADR 0028) go with their complaints.
    await dataSource.query(
      'DELETE FROM access_link WHERE complaint_id IN (SELECT id FROM complaint WHERE reference = ANY($1))',
      [references],
    );
    await dataSource.query('DELETE FROM complaint WHERE reference = ANY($1)', [references]);
    await dataSource.query('DELETE FROM organisation WHERE code = $1', [ORGANISATION]);
    await dataSource.destroy();
  }
});

async function newComplaint(
  organisationCode: string,
  accessibilityNeeds: AccessibilityNeed[] = [],
): Promise<{ reference: string; email: string }> {
  const reference = `${organisationCode}-2099-${String(randomInt(1, 1_000_000)).padStart(6, '0')}`;
  const email = `easy.${uniqueSuffix()}@example.test`;
  references.push(reference);
  const complaints = dataSource.getRepository(Complaint);
  await complaints.save(
    complaints.create({
      reference,
      organisationCode,
      kind: 'complaint',
      anonymous: false,
      channel: 'web-form',
      receivedOn: '2099-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels: ['email'],
      accessibilityNeeds,
      stage: 'awaiting-acknowledgement',
      createdBy: 'send-correspondence-adjustments-test',
      parties: [{ role: 'complainant', name: 'Alex Example', email, relationship: 'patient' }],
      issues: [],
    }),
  );
  return { reference, email };
}

function send(input: Omit<SendCorrespondenceInput, 'audience'>) {
  return activityEnvironment({
    workflowExecution: { workflowId: input.reference, runId: randomUUID() },
    activityId: '1',
  }).run(activities.sendCorrespondence, { ...input, audience: 'complainant' });
}

async function sentEmail(reference: string, step: string) {
  const messageId = `${reference}.${step}.email@${MESSAGE_ID_DOMAIN}`;
  const [message] = await inbox.waitFor((candidate) => candidate.messageId === messageId);
  const item = await dataSource
    .getRepository(Correspondence)
    .findOneByOrFail({ idempotencyKey: `${reference}:${step}:email` });
  return { message, item, text: message.text.replace(/\s+/g, ' ') };
}

/** Saved and, unless it is a revert, approved by a second manager (ADR 0014): only then do letters use it. */
async function saveOverride(name: string, version: number, body: string | null, variant = 'standard') {
  const { identifiers } = await dataSource
    .getRepository(TemplateOverride)
    .insert({ organisationCode: ORGANISATION, name, variant, version, body, createdBy: 'test-manager' });
  if (body !== null)
    await dataSource.getRepository(TemplateOverrideDecision).insert({
      overrideId: identifiers[0].id as string,
      decision: 'approved',
      decidedBy: 'test-senior-manager',
    });
}

describe('easy read (R-INT-2)', () => {
  it('sends the easy-read acknowledgement to a person who asked for easy read, and records the variant', async () => {
    const { reference, email } = await newComplaint('HPFT', ['easy-read']);
    await send({ reference, step: 'acknowledgement-letter', template: 'acknowledgement' });

    const { message, item, text } = await sentEmail(reference, 'acknowledgement-letter');
    expect(message.to).toEqual([{ address: email, name: 'Alex Example' }]);
    expect(message.subject).toBe(`Your complaint ${reference}: we have got your complaint`);
    expect(message.html).toContain('font-size: 16pt');
    expect(text).toContain(`Your complaint number: ${reference}`);
    expect(text).toContain('We got your complaint on: Monday 2 March 2099');
    expect(text).toContain('You told us you need: * easy read');
    expect(item).toMatchObject({
      template: 'acknowledgement',
      variant: 'easy-read',
      templateSource: 'standard',
      templateVersion: 3,
      partialOverrides: [],
      subject: message.subject,
      status: 'delivered',
    });
  });

  it('sends the standard letter, in large print, where the template has no easy-read variant', async () => {
    const { reference } = await newComplaint('HPFT', ['easy-read', 'large-print']);
    await send({ reference, step: 'reopened', template: 'reopened', facts: { due: '2099-06-05' } });
    const { message, item } = await sentEmail(reference, 'reopened');
    expect(message.html).toContain('font-size: 18pt');
    expect(item).toMatchObject({ template: 'reopened', variant: 'standard', templateSource: 'standard' });
  });
});

describe("an organisation's overrides (issue #5)", () => {
  it("are used for that organisation's letters only, and each item records the override's version", async () => {
    await saveOverride('acknowledgement', 1, '{{#> letter}}<p>First words.</p>{{/letter}}');
    await saveOverride(
      'acknowledgement',
      2,
      '{{#> letter}}<p>Our own words for {{reference}}.</p>{{/letter}}',
    );
    await saveOverride(
      'letterhead',
      1,
      '<div class="letterhead">{{organisation.name}} — our own letterhead</div>',
    );

    const own = await newComplaint(ORGANISATION);
    const standard = await newComplaint('HPFT');
    await send({ reference: own.reference, step: 'ack', template: 'acknowledgement' });
    await send({ reference: standard.reference, step: 'ack', template: 'acknowledgement' });

    const mine = await sentEmail(own.reference, 'ack');
    expect(mine.text).toContain(`Our own words for ${own.reference}.`);
    expect(mine.text).toContain('Test Override NHS Trust — our own letterhead');
    expect(mine.text).not.toContain('First words.');
    expect(mine.item).toMatchObject({
      template: 'acknowledgement',
      variant: 'standard',
      templateSource: 'organisation',
      templateVersion: 2,
      partialOverrides: [{ name: 'letterhead', version: 1 }],
    });

    const theirs = await sentEmail(standard.reference, 'ack');
    expect(theirs.text).not.toContain('Our own words');
    expect(theirs.text).not.toContain('our own letterhead');
    expect(theirs.text).toContain('this letter is our formal acknowledgement');
    expect(theirs.item).toMatchObject({
      templateSource: 'standard',
      templateVersion: 4,
      partialOverrides: [],
    });

    // Reverted: a version without a body puts the standard template back.
    await saveOverride('acknowledgement', 3, null);
    const later = await newComplaint(ORGANISATION);
    await send({ reference: later.reference, step: 'ack', template: 'acknowledgement' });
    const reverted = await sentEmail(later.reference, 'ack');
    expect(reverted.text).toContain('this letter is our formal acknowledgement');
    expect(reverted.text).toContain('our own letterhead');
    expect(reverted.item).toMatchObject({
      templateSource: 'standard',
      templateVersion: 4,
      partialOverrides: [{ name: 'letterhead', version: 1 }],
    });
  });

  it('a saved override version is never changed in place', async () => {
    await saveOverride('consent-request', 1, '{{#> letter}}<p>Consent please.</p>{{/letter}}');
    await expect(
      dataSource.query(
        `UPDATE template_override SET body = 'changed' WHERE organisation_code = $1 AND name = 'consent-request'`,
        [ORGANISATION],
      ),
    ).rejects.toThrow(/never changed/);
  });
});
