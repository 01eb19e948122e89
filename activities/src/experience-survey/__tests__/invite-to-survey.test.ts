// inviteToExperienceSurvey (ADR 0023) against the real test Postgres, as the correspondence service's own
// database role, and the real SMTP server (maildev, read back through its web API), in a real activity Context.
// Each test has its own complaint and its own addresses, so files sharing the inbox never collide.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  accessCodeToken,
  AccessLink,
  CaseTeamMember,
  Complaint,
  Correspondence,
  inspectAccessLink,
  redeemAccessLink,
  seedDemoData,
  StaffUser,
} from '@complaints/db';
import type { ReplyChannel } from '@complaints/domain';
import {
  MailInbox,
  openServiceDataSource,
  openTestDataSource,
  uniqueSuffix,
  type ReceivedMessage,
} from '@complaints/testing';
import { activityEnvironment } from '../../__tests__/activity-environment';
import { createSmtpMailer, DeliveryError, type Mailer } from '../../correspondence/mailer';
import type { LetterPdfInput } from '../../correspondence/pdf';
import { createCorrespondenceActivities } from '../../correspondence/send-correspondence.activity';
import { TemplateRenderer } from '../../correspondence/template-renderer';
import { createExperienceSurveyActivities } from '../invite-to-survey.activity';
import { SURVEY_ACCESS_PLACEHOLDER } from '../survey-letter-access';

jest.setTimeout(30_000);

const PUBLIC_WEB = 'http://public-web.test:3004';
let owner: DataSource;
let correspondence: DataSource;
let mailer: Mailer;
const inbox = new MailInbox();

beforeAll(async () => {
  owner = await openTestDataSource();
  await seedDemoData(owner);
  correspondence = await openServiceDataSource('correspondence');
  mailer = createSmtpMailer(process.env.SMTP_URL!);
});
afterAll(async () => {
  mailer?.close();
  // The case files stay: the schema lets one go only by disposal (ADR 0013); the test database is thrown away.
  await Promise.all([owner, correspondence].map((source) => source?.isInitialized && source.destroy()));
});

/** The HTML each print copy was laid out from, by reference. */
const laidOut = new Map<string, string[]>();

async function layout(letter: LetterPdfInput): Promise<Buffer> {
  laidOut.set(letter.reference, [...(laidOut.get(letter.reference) ?? []), letter.html]);
  return Buffer.from(`%PDF-1.7\n${letter.html}`);
}

const activitiesWith = (using: Mailer) => {
  const settings = {
    dataSource: correspondence,
    mailer: using,
    publicWebUrl: PUBLIC_WEB,
    messageIdDomain: 'complaints.test.example',
    defaultFrom: 'complaints@test.example',
  };
  const letters = createCorrespondenceActivities({ ...settings, renderer: new TemplateRenderer(), layout });
  return createExperienceSurveyActivities({ ...settings, sendCorrespondence: letters.sendCorrespondence });
};

const invite = (reference: string, using: Mailer = mailer) =>
  activityEnvironment({
    workflowExecution: { workflowId: reference, runId: randomUUID() },
    activityId: '1',
  }).run(activitiesWith(using).inviteToExperienceSurvey, { reference, step: 'experience-survey' });

async function staffMember(active = true): Promise<StaffUser> {
  const suffix = uniqueSuffix();
  return owner.getRepository(StaffUser).save({
    id: `hpft-survey-${suffix}`,
    organisationCode: 'HPFT',
    displayName: `Survey Staff ${suffix}`,
    email: `survey.staff.${suffix}@hpft.test`,
    roles: ['handler'],
    active,
  });
}

/** A closed HPFT complaint, its complainant, and its case team as the allocation and sign-off steps name them. */
async function closedComplaint(
  replyChannels: ReplyChannel[],
  team: { staff: StaffUser; role: CaseTeamMember['role'] }[] = [],
): Promise<{ reference: string; complainant: string }> {
  const reference = `HPFT-2098-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const complainant = `survey.person.${uniqueSuffix()}@example.test`;
  const complaints = owner.getRepository(Complaint);
  const complaint = await complaints.save(
    complaints.create({
      reference,
      organisationCode: 'HPFT',
      kind: 'complaint',
      channel: 'web-form',
      receivedOn: '2098-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels,
      stage: 'closed',
      createdBy: 'invite-to-survey-test',
      parties: [
        {
          role: 'complainant',
          name: 'Sam Survey',
          email: complainant,
          address: { lines: ['1 High Street', 'Hatfield'], postcode: 'AL10 9AB' },
          relationship: 'patient',
        },
      ],
    }),
  );
  for (const { staff, role } of team)
    await owner.getRepository(CaseTeamMember).insert({
      complaintId: complaint.id,
      staffId: staff.id,
      role,
      namedIn: `test:${role}`,
      namedBy: 'hpft-complaints-manager',
    });
  return { reference, complainant };
}

const linkIn = (message: ReceivedMessage) => {
  const match = /http:\/\/public-web\.test:3004\/hpft\/survey\?link=([A-Za-z0-9_-]+)/.exec(message.text);
  if (!match) throw new Error('no survey link in the email');
  return match[1];
};

const mailTo = (address: string) => inbox.waitFor((m) => m.to.some((to) => to.address === address));

it('invites the complainant who replies by email and the staff who handled and signed it off, each with a single-use link of its own whose secret is kept nowhere', async () => {
  const [handler, approver, reviewer, leaver, involved] = await Promise.all([
    staffMember(),
    staffMember(),
    staffMember(),
    staffMember(false),
    staffMember(),
  ]);
  const { reference, complainant } = await closedComplaint(
    ['email', 'letter'],
    [
      { staff: handler, role: 'handler' },
      { staff: approver, role: 'approver' },
      { staff: reviewer, role: 'clinical-reviewer' },
      { staff: reviewer, role: 'contributor' },
      { staff: leaver, role: 'contributor' },
      // Named as involved in the events: not one of those who handled it.
      { staff: involved, role: 'involved' },
    ],
  );

  expect(await invite(reference)).toEqual({ sent: 4, refused: 0, complainantNotByEmail: false, byLetter: 0 });

  const [toPerson] = await mailTo(complainant);
  expect(toPerson.subject).toBe(
    'Hertfordshire Partnership University NHS Foundation Trust: how was your experience of the complaints process?',
  );
  expect(toPerson.text).toContain('Dear Sam Survey,');
  expect(toPerson.text).toContain('Your complaint has now closed');
  // The survey is apart from the case: the email does not carry the reference.
  expect(toPerson.text).not.toContain(reference);
  const staffMails = await Promise.all([handler, approver, reviewer].map((s) => mailTo(s.email)));
  expect(staffMails.map(([mail]) => mail.text)).toEqual(
    Array(3).fill(expect.stringContaining('A complaint you were involved in has now closed')),
  );
  expect(await inbox.messagesTo(leaver.email)).toEqual([]);
  expect(await inbox.messagesTo(involved.email)).toEqual([]);

  // Four different links, each opening the survey once; the database holds their hashes only.
  const tokens = [toPerson, ...staffMails.map(([mail]) => mail)].map(linkIn);
  expect(new Set(tokens).size).toBe(4);
  const open = await inspectAccessLink(owner.manager, tokens[0], 'experience-survey');
  if (!open.opened) throw new Error(`the first link does not open: ${open.reason}`);
  expect(open.link).toEqual(expect.objectContaining({ purpose: 'experience-survey', singleUse: true }));
  expect(open.link.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
  const hashes = await owner.query(
    `SELECT token_hash FROM access_link WHERE complaint_id = (SELECT id FROM complaint WHERE reference = $1)`,
    [reference],
  );
  expect(hashes.map((row: { token_hash: Buffer }) => row.token_hash.toString('hex')).sort()).toEqual(
    tokens.map((token) => createHash('sha256').update(token).digest('hex')).sort(),
  );
  // The email with the secret is not kept as correspondence.
  expect(await owner.getRepository(Correspondence).countBy({ complaintReference: reference })).toBe(0);
  const invitations = await owner.query(
    `SELECT * FROM experience_survey_invitation WHERE idempotency_key LIKE $1 ORDER BY respondent`,
    [`${reference}:%`],
  );
  expect(
    invitations.map((row: { status: string; respondent: string }) => [row.respondent, row.status]),
  ).toEqual([
    ['complainant', 'sent'],
    ['staff', 'sent'],
    ['staff', 'sent'],
    ['staff', 'sent'],
  ]);
  expect(JSON.stringify(invitations)).not.toContain(tokens[0]);
  expect((await redeemAccessLink(owner.manager, tokens[1], 'experience-survey')).opened).toBe(true);
  expect(await redeemAccessLink(owner.manager, tokens[1], 'experience-survey')).toEqual(
    expect.objectContaining({ opened: false, reason: 'used' }),
  );
});

it('is idempotent: a retry after the invitations went sends nothing again and answers the same', async () => {
  const handler = await staffMember();
  const { reference, complainant } = await closedComplaint(['email'], [{ staff: handler, role: 'handler' }]);
  const first = await invite(reference);
  await mailTo(complainant);
  await mailTo(handler.email);
  expect(await invite(reference)).toEqual(first);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await inbox.messagesTo(complainant)).toHaveLength(1);
  expect(await inbox.messagesTo(handler.email)).toHaveLength(1);
  expect(
    await owner.query(
      `SELECT count(*)::int AS n FROM access_link WHERE purpose = 'experience-survey'
         AND complaint_id = (SELECT id FROM complaint WHERE reference = $1)`,
      [reference],
    ),
  ).toEqual([{ n: 2 }]);
});

it('an attempt stopped by a temporary SMTP failure is retried with a new link, the old one revoked, under the same Message-ID', async () => {
  const { reference, complainant } = await closedComplaint(['email']);
  const failing: Mailer = {
    send: () => Promise.reject(new DeliveryError('ECONNREFUSED', false)),
    close: () => undefined,
  };
  await expect(invite(reference, failing)).rejects.toMatchObject({ type: 'DeliveryError' });
  const [stopped] = await owner.query(
    `SELECT access_link_id, status, message_id FROM experience_survey_invitation WHERE idempotency_key = $1`,
    [`${reference}:experience-survey:complainant`],
  );
  expect(stopped.status).toBe('sending');

  expect(await invite(reference)).toEqual({ sent: 1, refused: 0, complainantNotByEmail: false, byLetter: 0 });
  const [mail] = await mailTo(complainant);
  // maildev shows the Message-ID without its angle brackets.
  expect(`<${mail.messageId}>`).toBe(stopped.message_id);
  const first = await owner.getRepository(AccessLink).findOneByOrFail({ id: stopped.access_link_id });
  expect(first.revokedAt).not.toBeNull();
  expect(await inspectAccessLink(owner.manager, linkIn(mail), 'experience-survey')).toEqual(
    expect.objectContaining({ opened: true }),
  );
});

it('invites a letter-only complainant by post: a single-use code in the print copy only, answering as the complainant; a retry queues nothing more', async () => {
  const { reference, complainant } = await closedComplaint(['letter']);
  expect(await invite(reference)).toEqual({ sent: 0, refused: 0, complainantNotByEmail: true, byLetter: 1 });
  const [printed] = laidOut.get(reference)!;
  const code = /<strong class="survey-code">([0-9A-Z-]+)<\/strong>/.exec(printed)![1];
  expect(printed).toContain(`<strong>${PUBLIC_WEB}/hpft/survey</strong>`);
  expect(printed).toContain(`<strong>${reference}</strong>`);
  const [letter] = await owner
    .getRepository(Correspondence)
    .findBy({ complaintReference: reference, template: 'experience-survey' });
  expect(letter).toMatchObject({ channel: 'letter', audience: 'complainant', status: 'sent' });
  expect(letter.html).toContain(SURVEY_ACCESS_PLACEHOLDER);
  expect(letter.html).not.toContain(code);

  // The code opens the complainant's survey, with its reference only, and once.
  const token = accessCodeToken(reference, code)!;
  const opened = await inspectAccessLink(owner.manager, token, 'experience-survey');
  expect(opened).toEqual(expect.objectContaining({ opened: true }));
  const [invitation] = await owner.query(
    `SELECT respondent, status FROM experience_survey_invitation WHERE access_link_id = $1`,
    [(opened as { link: AccessLink }).link.id],
  );
  expect(invitation).toEqual({ respondent: 'complainant', status: 'sent' });
  expect(await inspectAccessLink(owner.manager, token, 'complainant-progress')).toMatchObject({
    opened: false,
  });

  // A retry finds the letter queued: no second letter, no second code, and no email.
  expect(await invite(reference)).toEqual({ sent: 0, refused: 0, complainantNotByEmail: true, byLetter: 1 });
  expect(laidOut.get(reference)).toHaveLength(1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await inbox.messagesTo(complainant)).toEqual([]);
  expect((await redeemAccessLink(owner.manager, token, 'experience-survey')).opened).toBe(true);
  expect(await redeemAccessLink(owner.manager, token, 'experience-survey')).toMatchObject({ opened: false });
});

it('acts only on its own workflow’s complaint', async () => {
  const { reference } = await closedComplaint(['email']);
  await expect(
    activityEnvironment({
      workflowExecution: { workflowId: 'HPFT-2098-999999', runId: randomUUID() },
      activityId: '1',
    }).run(activitiesWith(mailer).inviteToExperienceSurvey, { reference, step: 'experience-survey' }),
  ).rejects.toMatchObject({ type: 'NotThisWorkflowsComplaint' });
});
