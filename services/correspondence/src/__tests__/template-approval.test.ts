// Issue #14 point 7, over HTTP, with the real Postgres and SMTP server: an override that loses what its letter must
// say, or carries a tracking image, an unlisted link or {{log}}, is refused naming it; a proposal is used only once
// a second complaints manager or senior manager approves it after seeing it beside the standard letter (until
// then letters keep the standard text, as the inbox shows); a revert puts the standard back in one command; and
// every change is recorded with who and when. The staff are rows this file inserts, for an organisation of its own.
import { randomInt } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Like, type DataSource } from 'typeorm';
import {
  createCorrespondenceActivities,
  createSmtpMailer,
  TemplateRenderer,
  type Mailer,
} from '@complaints/activities/correspondence';
import { Complaint, Correspondence, Organisation, StaffUser } from '@complaints/db';
import type { StaffRole } from '@complaints/domain';
import { configureApp, DATA_SOURCE, signStaffToken } from '@complaints/service-kit';
import { MailInbox, runAsActivityOf } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadCorrespondenceConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

jest.setTimeout(60_000);

const config = loadCorrespondenceConfig({ ...process.env, PORT: '3001' });
const suffix = Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
const ORGANISATION = `TA${suffix}`;
const reference = `${ORGANISATION}-2099-${String(randomInt(1, 1_000_000)).padStart(6, '0')}`;
const complainantEmail = `approval.${suffix.toLowerCase()}@example.test`;
const inbox = new MailInbox();
let app: INestApplication;
let dataSource: DataSource;
let mailer: Mailer;

const STAFF: { key: string; roles: StaffRole[] }[] = [
  { key: 'author', roles: ['complaints-manager'] },
  { key: 'second', roles: ['complaints-manager'] },
  { key: 'senior', roles: ['senior-manager'] },
  { key: 'handler', roles: ['handler'] },
];
const idOf = (key: string) => `${ORGANISATION.toLowerCase()}-${key}`;
const tokens: Record<string, string> = {};

/** Says all an acknowledgement must, in the organisation's own words. */
const OWN_WORDS = 'Thank you for trusting us with your concerns';
const OWN_ACKNOWLEDGEMENT = `{{#> letter}}<p>${OWN_WORDS}. This letter acknowledges your complaint {{reference}}.</p><p>We will look into your complaint and aim to send you our full response within {{responseTimescale}}.</p>{{/letter}}`;
const STANDARD_WORDS = 'Raising a complaint will not affect the care or service you receive from us.';

const http = () => request(app.getHttpServer());
const as = (key: string) => ({ Authorization: `Bearer ${tokens[key]}` });
const propose = (key: string, name: string, body: object) =>
  http().put(`/templates/${name}/override`).set(as(key)).send(body);
const sideBySide = (key: string, name: string, version: number) =>
  http().get(`/templates/${name}/override/versions/${version}/side-by-side`).set(as(key));
const approve = (key: string, name: string, version: number, renderingDigest: string) =>
  http()
    .post(`/templates/${name}/override/versions/${version}/approval`)
    .set(as(key))
    .send({ renderingDigest });

/** Sends the acknowledgement through the real SMTP server and reads it back from the inbox. */
async function sendAcknowledgement(step: string) {
  const activities = createCorrespondenceActivities({
    dataSource,
    mailer,
    renderer: new TemplateRenderer(),
    messageIdDomain: 'complaints.test.example',
    defaultFrom: '"NHS complaints" <complaints@test.example>',
  });
  await runAsActivityOf(reference, activities.sendCorrespondence, {
    reference,
    step,
    template: 'acknowledgement',
    audience: 'complainant',
  });
  const item = await dataSource
    .getRepository(Correspondence)
    .findOneByOrFail({ complaintReference: reference, idempotencyKey: Like(`%${step}%`), channel: 'email' });
  const bare = (id: string) => id.replace(/^<|>$/g, '');
  const [message] = await inbox.waitFor((received) => bare(received.messageId) === bare(item.messageId));
  return { item, message };
}

beforeAll(async () => {
  app = (
    await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile()
  ).createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  dataSource = app.get(DATA_SOURCE);
  await dataSource.getRepository(Organisation).insert({
    code: ORGANISATION,
    name: 'Approval Test NHS Trust',
    profileId: 'hpft',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: { addressLines: ['2 Test Street', 'Testtown'], telephone: '01632 960789' },
  });
  await dataSource.getRepository(StaffUser).insert(
    STAFF.map(({ key, roles }) => ({
      id: idOf(key),
      organisationCode: ORGANISATION,
      displayName: `Approval ${key}`,
      email: `${key}.${suffix.toLowerCase()}@approval.test`,
      roles,
    })),
  );
  for (const { key, roles } of STAFF)
    tokens[key] = await signStaffToken(
      { id: idOf(key), organisationCode: ORGANISATION, roles },
      { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER },
    );
  const complaints = dataSource.getRepository(Complaint);
  await complaints.save(
    complaints.create({
      reference,
      organisationCode: ORGANISATION,
      kind: 'complaint',
      anonymous: false,
      channel: 'web-form',
      receivedOn: '2099-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels: ['email'],
      accessibilityNeeds: [],
      stage: 'awaiting-acknowledgement',
      createdBy: idOf('handler'),
      parties: [
        {
          role: 'complainant',
          name: 'Jo Example',
          email: complainantEmail,
          address: null,
          relationship: 'patient',
        },
      ],
      issues: [],
    }),
  );
  mailer = createSmtpMailer(process.env.SMTP_URL!);
}, 90_000);

afterAll(async () => {
  mailer?.close();
  if (dataSource?.isInitialized) {
    await dataSource.query('DELETE FROM correspondence WHERE complaint_reference = $1', [reference]);
    // The acknowledgement's progress links (ADR 0028) go with their complaints.
    await dataSource.query(
      'DELETE FROM access_link WHERE complaint_id IN (SELECT id FROM complaint WHERE reference = $1)',
      [reference],
    );
    await dataSource.query('DELETE FROM complaint WHERE reference = $1', [reference]);
    await dataSource.query('DELETE FROM staff_user WHERE organisation_code = $1', [ORGANISATION]);
    await dataSource.query('DELETE FROM organisation WHERE code = $1', [ORGANISATION]);
  }
  await app?.close();
});

const savedVersions = async () =>
  Number(
    (
      await dataSource.query(
        `SELECT count(*)::int AS n FROM template_override WHERE organisation_code = $1`,
        [ORGANISATION],
      )
    )[0].n,
  );

describe('an override is refused, 422 naming the field and what the letter would no longer say', () => {
  it.each([
    [
      'a few stray characters for the whole body',
      'acknowledgement',
      { body: 'o(X' },
      ['reference', 'date', 'letterhead', 'contact', 'signatory', 'acknowledges', 'readable-sentence'],
    ],
    [
      'the letter layout without the acknowledgement',
      'acknowledgement',
      { body: '{{#> letter}}<p>Thank you for writing to us about your care.</p>{{/letter}}' },
      ['acknowledges', 'what-happens-next', 'by-when'],
    ],
    [
      'a plan letter without who replies, how and when',
      'investigation-plan',
      { body: '{{#> letter}}<p>We have a plan for your complaint {{reference}}.</p>{{/letter}}' },
      ['who-replies', 'how', 'by-when'],
    ],
    [
      'a letterhead without the address',
      'letterhead',
      { body: '<div class="letterhead">{{organisation.name}}</div>' },
      ['letterhead'],
    ],
  ])('%s', async (_what, name, body, elements) => {
    const response = await propose('author', name, body).expect(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 422, title: 'Override refused' });
    expect(response.body.errors).toEqual(
      expect.arrayContaining(
        elements.map((element) => ({ field: 'body', element, reason: expect.any(String) })),
      ),
    );
    // Nothing of the person's is in the problem: the example data is the only data tried.
    expect(JSON.stringify(response.body)).not.toContain('Jo Example');
  });

  it.each([
    ['a tracking image', '<img src="https://pixel.example/t.gif?r={{reference}}" alt="">', /<img> element/],
    ['a link to a host not on the list', '<p><a href="https://pay.example/now">Pay</a></p>', /pay\.example/],
    ['{{log}}', '{{log recipient.name complainant}}', /\{\{log\}\}/],
  ])('a body that carries %s', async (_what, extra, reason) => {
    const body = OWN_ACKNOWLEDGEMENT.replace('{{/letter}}', `${extra}{{/letter}}`);
    const response = await propose('author', 'acknowledgement', { body }).expect(422);
    expect(response.body.errors).toContainEqual({ field: 'body', reason: expect.stringMatching(reason) });
  });

  it("the Ombudsman's details, whoever asks", async () => {
    const response = await propose('author', 'ombudsman-contact', { body: '<p>Call us.</p>' }).expect(422);
    expect(response.body.errors).toEqual([
      { field: 'name', reason: expect.stringContaining("holds the Ombudsman's details") },
    ]);
    expect(await savedVersions()).toBe(0);
  });
});

describe('the two-person rule', () => {
  it('before approval the letter is the standard one; the author cannot approve their own proposal', async () => {
    const before = await sendAcknowledgement('acknowledgement-before-proposal');
    expect(before.message.text).toContain(STANDARD_WORDS);

    const proposed = await propose('author', 'acknowledgement', { body: OWN_ACKNOWLEDGEMENT }).expect(200);
    expect(proposed.body).toEqual({
      name: 'acknowledgement',
      variant: 'standard',
      version: 1,
      body: OWN_ACKNOWLEDGEMENT,
      status: 'proposed',
      inUse: false,
      createdBy: idOf('author'),
      createdAt: expect.any(String),
      decidedBy: null,
      decidedAt: null,
    });
    const catalogue = await http().get('/templates').set(as('handler')).expect(200);
    const listed = catalogue.body.templates.find(
      (template: { name: string }) => template.name === 'acknowledgement',
    ).variants[0];
    expect(listed).toMatchObject({ override: null, proposals: [1] });

    const pending = await sendAcknowledgement('acknowledgement-while-proposed');
    expect(pending.message.text).toContain(STANDARD_WORDS);
    expect(pending.message.text).not.toContain(OWN_WORDS);
    expect(pending.item).toMatchObject({ templateSource: 'standard' });

    const seen = await sideBySide('author', 'acknowledgement', 1).expect(200);
    const own = await approve('author', 'acknowledgement', 1, seen.body.renderingDigest).expect(403);
    expect(own.body.detail).toContain('two-person rule');
    await approve('handler', 'acknowledgement', 1, seen.body.renderingDigest).expect(403);
    // The database keeps the rule too, whatever calls it.
    await expect(
      dataSource.query(
        `INSERT INTO template_override_decision (override_id, decision, decided_by)
           SELECT id, 'approved', created_by FROM template_override WHERE organisation_code = $1`,
        [ORGANISATION],
      ),
    ).rejects.toThrow('the author of a template override cannot decide on it');
  });

  it('a second manager approves only what they saw beside the standard letter; the next letter uses it', async () => {
    const wrong = await approve('senior', 'acknowledgement', 1, 'a'.repeat(64)).expect(422);
    expect(wrong.body.errors).toEqual([{ field: 'renderingDigest', reason: expect.any(String) }]);

    const seen = await sideBySide('senior', 'acknowledgement', 1).expect(200);
    expect(seen.body).toMatchObject({ template: 'acknowledgement', variant: 'standard' });
    expect(seen.body.standard.text).toContain(STANDARD_WORDS);
    expect(seen.body.standard.text).not.toContain(OWN_WORDS);
    expect(seen.body.proposed.text).toContain(OWN_WORDS);
    expect(seen.body.proposed.text).toContain('Approval Test NHS Trust');

    const approved = await approve('senior', 'acknowledgement', 1, seen.body.renderingDigest).expect(200);
    expect(approved.body).toMatchObject({
      version: 1,
      status: 'approved',
      inUse: true,
      createdBy: idOf('author'),
      decidedBy: idOf('senior'),
      decidedAt: expect.any(String),
    });
    await approve('second', 'acknowledgement', 1, seen.body.renderingDigest).expect(409);

    const after = await sendAcknowledgement('acknowledgement-after-approval');
    expect(after.message.text).toContain(OWN_WORDS);
    expect(after.message.text).toContain(reference);
    expect(after.message.text).not.toContain(STANDARD_WORDS);
    expect(after.item).toMatchObject({ templateSource: 'organisation', templateVersion: 1 });
  });

  it('a rejected proposal is kept and never used', async () => {
    const body = OWN_ACKNOWLEDGEMENT.replace(OWN_WORDS, 'A second try at our words');
    const proposed = await propose('second', 'acknowledgement', { body }).expect(200);
    expect(proposed.body.version).toBe(2);
    const rejected = await http()
      .post('/templates/acknowledgement/override/versions/2/rejection')
      .set(as('author'))
      .send({})
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: idOf('author') });
    const seen = await sideBySide('senior', 'acknowledgement', 2).expect(200);
    await approve('senior', 'acknowledgement', 2, seen.body.renderingDigest).expect(409);
    const letter = await sendAcknowledgement('acknowledgement-after-rejection');
    expect(letter.item).toMatchObject({ templateSource: 'organisation', templateVersion: 1 });
  });

  it('one command puts the standard letter back, and every change is recorded with who and when', async () => {
    await http().delete('/templates/acknowledgement/override').set(as('handler')).expect(403);
    await http().delete('/templates/acknowledgement/override').set(as('author')).expect(204);
    const reverted = await sendAcknowledgement('acknowledgement-after-revert');
    expect(reverted.message.text).toContain(STANDARD_WORDS);
    expect(reverted.message.text).not.toContain(OWN_WORDS);
    expect(reverted.item).toMatchObject({ templateSource: 'standard' });

    const { body } = await http()
      .get('/templates/acknowledgement/override/versions')
      .set(as('second'))
      .expect(200);
    const when = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(body).toEqual([
      expect.objectContaining({
        version: 3,
        status: 'reverted',
        inUse: false,
        createdBy: idOf('author'),
        createdAt: when,
      }),
      expect.objectContaining({
        version: 2,
        status: 'rejected',
        createdBy: idOf('second'),
        decidedBy: idOf('author'),
        decidedAt: when,
      }),
      expect.objectContaining({
        version: 1,
        status: 'approved',
        inUse: false,
        createdBy: idOf('author'),
        createdAt: when,
        decidedBy: idOf('senior'),
        decidedAt: when,
      }),
    ]);
  });
});
