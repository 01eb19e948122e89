// R-INT-5: a representative sees the person's information only with their consent (or where it is not needed);
// R-RESP-2 (HPFT): the approved response goes to the complainant and other interested parties. Against the real
// test Postgres and SMTP server, read back from the inbox.
import type { DataSource } from 'typeorm';
import { FinalResponseDraft, seedDemoData } from '@complaints/db';
import { MailInbox, openTestDataSource, uniqueSuffix } from '@complaints/testing';
import type { SendCorrespondenceInput } from '../contract';
import {
  DeliveryFixtures,
  messageIdOf,
  runActivity,
  steps,
  withMessageId,
  type ComplaintFixture,
} from './delivery-fixtures';
import { type ConsentStatus } from '@complaints/domain';

jest.setTimeout(30_000);

let dataSource: DataSource;
let fixtures: DeliveryFixtures;
const inbox = new MailInbox();

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await seedDemoData(dataSource);
  fixtures = new DeliveryFixtures(dataSource);
});

afterAll(async () => {
  await fixtures?.cleanUp();
  await dataSource?.destroy();
});

const SUMMARY = 'We rebooked Sam’s appointment and apologised for the cancellation.';

function representedComplaint(
  consentStatus: ConsentStatus,
  personAffected: { email?: string | null } = {},
  more: ComplaintFixture = {},
): Promise<string> {
  return fixtures.newComplaint({
    complainant: { name: 'Robin Representative' },
    personAffected: {
      name: 'Sam Affected',
      email: personAffected.email === undefined ? `sam.${uniqueSuffix()}@example.test` : personAffected.email,
      consentStatus,
    },
    earlyResolutionSummary: SUMMARY,
    ...more,
  });
}

async function personAffectedEmail(reference: string): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT email FROM complaint_party p JOIN complaint c ON c.id = p.complaint_id
     WHERE c.reference = $1 AND p.role = 'person-affected'`,
    [reference],
  );
  return row.email;
}

const summaryLetter = (reference: string): SendCorrespondenceInput => ({
  reference,
  step: 'early-resolution-summary',
  template: 'early-resolution-summary',
  audience: 'complainant',
});

const sent = (reference: string, key: string) =>
  inbox.waitFor(withMessageId(messageIdOf(`${reference}:${key}`)));

describe('a representative without the person’s consent (R-INT-5)', () => {
  it('a letter with the person’s information goes to the person affected instead; a procedural letter still goes to the representative', async () => {
    const reference = await representedComplaint('pending');
    const representative = await fixtures.complainantEmail(reference);
    const person = await personAffectedEmail(reference);
    const activities = fixtures.activities();

    const summary = await runActivity(activities, summaryLetter(reference));
    const acknowledgement = await runActivity(activities, {
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    });

    expect(summary.items.map((item) => [item.channel, item.status])).toEqual([['email', 'delivered']]);
    const [toPerson] = await sent(reference, 'early-resolution-summary:person-affected:email');
    expect(toPerson.to).toEqual([{ address: person, name: 'Sam Affected' }]);
    expect(toPerson.text).toContain('Dear Sam Affected,');
    expect(toPerson.text.replace(/\s+/g, ' ')).toContain(SUMMARY);

    expect(acknowledgement.items.map((item) => [item.channel, item.status])).toEqual([
      ['email', 'delivered'],
    ]);
    const [toRepresentative] = await sent(reference, 'acknowledgement-letter:email');
    expect(toRepresentative.to).toEqual([{ address: representative, name: 'Robin Representative' }]);

    // The acknowledgement arrived after the summary would have: the representative never got the summary.
    const received = await inbox.messagesTo(representative);
    expect(received.map((message) => message.messageId)).toEqual([toRepresentative.messageId]);
    const rows = await fixtures.rowsOf(reference);
    expect(rows.map((row) => [row.template, row.audience, row.recipient])).toEqual([
      ['early-resolution-summary', 'person-affected', person],
      ['acknowledgement', 'complainant', representative],
    ]);
  });

  it('with no way to reach the person, the letter is held: recorded, visible, sent to no one', async () => {
    const reference = await representedComplaint('pending', { email: null });
    const representative = await fixtures.complainantEmail(reference);

    const result = await runActivity(fixtures.activities(), summaryLetter(reference));

    const [held] = await fixtures.rowsOf(reference);
    expect(result).toEqual({
      items: [{ correspondenceId: held.id, channel: 'email', status: 'held' }],
      noUsableContact: false,
    });
    expect(held).toMatchObject({ audience: 'complainant', status: 'held', attempts: 0, sentAt: null });
    expect(steps(held)).toEqual([
      ['drafted', null],
      ['held', 'ConsentNotGiven'],
    ]);
    // A retry holds it still, and sends nothing.
    expect(await runActivity(fixtures.activities(), summaryLetter(reference))).toEqual(result);
    await runActivity(fixtures.activities(), {
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    });
    const [acknowledgement] = await sent(reference, 'acknowledgement-letter:email');
    expect((await inbox.messagesTo(representative)).map((message) => message.messageId)).toEqual([
      acknowledgement.messageId,
    ]);
  });

  it.each(['given', 'not-needed'] as const)(
    'with consent %s, the representative gets it and the person affected does not',
    async (consentStatus) => {
      const reference = await representedComplaint(consentStatus);
      const representative = await fixtures.complainantEmail(reference);

      await runActivity(fixtures.activities(), summaryLetter(reference));

      const [message] = await sent(reference, 'early-resolution-summary:email');
      expect(message.to).toEqual([{ address: representative, name: 'Robin Representative' }]);
      expect((await fixtures.rowsOf(reference)).map((row) => row.audience)).toEqual(['complainant']);
    },
  );
});

describe('copies to other interested parties (R-RESP-2)', () => {
  const COVER_LETTER = 'I am sorry for what happened, and I have asked the team to put it right.';

  async function coverLetterFor(reference: string): Promise<SendCorrespondenceInput> {
    const drafts = dataSource.getRepository(FinalResponseDraft);
    await drafts.save(
      drafts.create({
        complaintReference: reference,
        version: 1,
        content: { sections: {}, findings: [], remedies: [], actions: [], careContext: 'nhs-care' },
        coverLetter: COVER_LETTER,
        createdBy: 'consent-test',
      }),
    );
    return {
      reference,
      step: 'final-response-cover-1',
      template: 'final-response-cover',
      audience: 'complainant',
      facts: { finalResponseVersion: 1 },
      approvedBy: 'hpft-responsible-person',
    };
  }

  it('HPFT: the Chief Executive’s letter goes to the representative, and a copy to the person who consented', async () => {
    const reference = await representedComplaint('given');
    const person = await personAffectedEmail(reference);

    const result = await runActivity(fixtures.activities(), await coverLetterFor(reference));

    expect(result.items.map((item) => [item.channel, item.status])).toEqual([
      ['email', 'delivered'],
      ['email', 'delivered'],
    ]);
    const [toRepresentative] = await sent(reference, 'final-response-cover-1:email');
    const [copy] = await sent(reference, 'final-response-cover-1:person-affected:email');
    expect(toRepresentative.text.replace(/\s+/g, ' ')).toContain(COVER_LETTER);
    expect(copy.to).toEqual([{ address: person, name: 'Sam Affected' }]);
    expect(copy.text.replace(/\s+/g, ' ')).toContain(COVER_LETTER);
    for (const row of await fixtures.rowsOf(reference)) {
      expect(steps(row).slice(0, 2)).toEqual([
        ['drafted', null],
        ['approved', null],
      ]);
      expect(row.history[1].by).toBe('hpft-responsible-person');
    }
  });

  it.each([
    ['consent was not needed', 'not-needed', 'hpft'],
    ['the profile’s sign-off has no such step', 'given', 'phso-model'],
  ] as const)('no copy where %s', async (_why, consentStatus, profileId) => {
    const reference = await representedComplaint(consentStatus, {}, { profileId });

    const result = await runActivity(fixtures.activities(), await coverLetterFor(reference));

    expect(result.items).toHaveLength(1);
    expect((await fixtures.rowsOf(reference)).map((row) => row.audience)).toEqual(['complainant']);
  });
});
