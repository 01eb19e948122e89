// Templates over HTTP (issue #5): the catalogue, an organisation's overrides (complaints managers only, tried before
// they are saved, used for that organisation only) and the preview of a letter exactly as it would be sent.
// Overrides belong to an organisation made for this file, so no other test's letters are affected.
import { randomInt } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  createCorrespondenceActivities,
  createSmtpMailer,
  TemplateRenderer,
  type Mailer,
} from '@complaints/activities/correspondence';
import {
  CaseTeamMember,
  Complaint,
  Correspondence,
  DEMO_STAFF,
  Organisation,
  seedDemoData,
  StaffUser,
} from '@complaints/db';
import { configureApp, DATA_SOURCE, signStaffToken } from '@complaints/service-kit';
import { documentedRequestExamples, runAsActivityOf, type OpenApiDocument } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadCorrespondenceConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';
import { type StaffRole } from '@complaints/domain';

jest.setTimeout(30_000);

const config = loadCorrespondenceConfig({ ...process.env, PORT: '3001' });
const ORGANISATION = `TT${Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;
const reference = `${ORGANISATION}-2099-${String(randomInt(1, 1_000_000)).padStart(6, '0')}`;
let app: INestApplication;
let dataSource: DataSource;
let mailer: Mailer;

const sign = (id: string) =>
  signStaffToken({ id }, { secret: config.AUTH_JWT_SECRET!, issuer: config.AUTH_JWT_ISSUER });
/** A token for a member of the test organisation's staff: a real staff_user row, as the guard requires. */
const tokenAs = async (organisationCode: string, id: string, roles: StaffRole[]) => {
  await dataSource.getRepository(StaffUser).save({
    id,
    organisationCode,
    roles,
    displayName: id,
    email: `${id}@${organisationCode.toLowerCase()}.test`,
  });
  return sign(id);
};
const demoToken = (email: string) => sign(DEMO_STAFF.find((candidate) => candidate.email === email)!.id);
let manager: string;
let handler: string;
/** Issue #14: a second manager approves what `manager` proposes, after seeing it beside the standard letter. */
let senior: string;

const http = () => request(app.getHttpServer());

beforeAll(async () => {
  app = (
    await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile()
  ).createNestApplication({
    bufferLogs: true,
  });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  dataSource = app.get(DATA_SOURCE);
  await seedDemoData(dataSource);
  await dataSource.getRepository(Organisation).insert({
    code: ORGANISATION,
    name: 'Template Test NHS Trust',
    profileId: 'hpft',
    profileVersion: 1,
    nation: 'england-and-wales',
    closureDays: [],
    letterhead: { addressLines: ['1 Test Street'], telephone: '01632 960456' },
  });
  const complaints = dataSource.getRepository(Complaint);
  const complaint = await complaints.save(
    complaints.create({
      reference,
      organisationCode: ORGANISATION,
      kind: 'complaint',
      anonymous: false,
      channel: 'web-form',
      receivedOn: '2099-03-02',
      profileId: 'hpft',
      profileVersion: 1,
      replyChannels: ['email', 'letter'],
      accessibilityNeeds: ['easy-read'],
      stage: 'awaiting-acknowledgement',
      createdBy: 'templates-test',
      parties: [
        {
          role: 'complainant',
          name: 'Alex <b>Example</b>',
          email: `templates.${randomInt(1_000_000)}@example.test`,
          address: { lines: ['12 Acacia Avenue'], postcode: 'AL10 9AB' },
          relationship: 'patient',
        },
      ],
      issues: [],
    }),
  );
  const staff: [string, StaffRole[]][] = [
    ['templates-test-manager', ['complaints-manager', 'handler']],
    ['templates-test-handler', ['handler']],
    ['templates-test-senior', ['senior-manager']],
  ];
  [manager, handler, senior] = await Promise.all(
    staff.map(([id, roles]) => tokenAs(ORGANISATION, id, roles)),
  );
  // The allocated handler is on the case team, so may preview its letters (R-INT-8).
  await dataSource.getRepository(CaseTeamMember).insert({
    complaintId: complaint.id,
    staffId: 'templates-test-handler',
    role: 'handler',
    namedIn: 'allocation:templates-test',
    namedBy: 'templates-test-manager',
  });
  mailer = createSmtpMailer(process.env.SMTP_URL!);
}, 60_000);

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

const OWN_EASY_READ =
  '{{#> easy-read-letter}}<h2>Thank you</h2><p>We have got your complaint {{reference}}.</p><p>We will look into your complaint and send you a full answer within {{responseTimescale}}.</p>{{> easy-read-contact}}{{/easy-read-letter}}';
const preview = (token: string, body: object) =>
  http()
    .post(`/complaints/${reference}/correspondence/preview`)
    .set('Authorization', `Bearer ${token}`)
    .send(body);
const put = (token: string, name: string, body: object) =>
  http().put(`/templates/${name}/override`).set('Authorization', `Bearer ${token}`).send(body);
/** The second manager's approval, after the side-by-side (issue #14). */
async function approved(name: string, version: number, variant = 'standard') {
  const seen = await http()
    .get(`/templates/${name}/override/versions/${version}/side-by-side?variant=${variant}`)
    .set('Authorization', `Bearer ${senior}`)
    .expect(200);
  await http()
    .post(`/templates/${name}/override/versions/${version}/approval`)
    .set('Authorization', `Bearer ${senior}`)
    .send({ variant, renderingDigest: seen.body.renderingDigest })
    .expect(200);
}

it('GET /templates: every template with its versions, facts and variants, and the partials', async () => {
  const { body } = await http().get('/templates').set('Authorization', `Bearer ${handler}`).expect(200);
  const acknowledgement = body.templates.find(
    (template: { name: string }) => template.name === 'acknowledgement',
  );
  const variant = (name: string) => ({
    variant: name,
    // The standard letter said when the commissioner forwarded it (v3, R-JOINT-8); both carry the person's
    // progress link or code (standard v4, easy read v3; ADR 0028).
    version: name === 'standard' ? 4 : 3,
    subject: expect.stringContaining('{{reference}}'),
    mustSay: expect.arrayContaining([
      { element: 'reference', checks: [{ value: ['reference'] }] },
      { element: 'acknowledges', checks: [{ says: expect.any(String) }] },
      // R-JOINT-2: every letter of a joint complaint says the joint protocol is used.
      { element: 'joint-protocol', checks: [{ says: 'joint protocol', when: 'joint' }] },
    ]),
    override: null,
    proposals: [],
  });
  expect(acknowledgement).toEqual({
    name: 'acknowledgement',
    kind: 'letter',
    facts: {},
    variants: [variant('standard'), variant('easy-read')],
  });
  const extended = body.templates.find(
    (template: { name: string }) => template.name === 'timescale-extended',
  );
  expect(extended.facts.newDue).toEqual({ type: 'date' });
  expect(body.partials).toContainEqual({ name: 'letterhead', override: null, proposals: [] });
  await http().get('/templates').expect(401);
  await http()
    .get('/templates')
    .set('Authorization', `Bearer ${await demoToken('staff@hpft.demo')}`)
    .expect(403);
});

describe('overrides', () => {
  it('a complaints manager saves versions of an override; it is listed for that organisation only', async () => {
    await put(handler, 'acknowledgement', { body: OWN_EASY_READ, variant: 'easy-read' }).expect(403);

    const first = await put(manager, 'acknowledgement', { body: OWN_EASY_READ, variant: 'easy-read' }).expect(
      200,
    );
    expect(first.body).toEqual({
      name: 'acknowledgement',
      variant: 'easy-read',
      version: 1,
      body: OWN_EASY_READ,
      status: 'proposed',
      inUse: false,
      createdBy: 'templates-test-manager',
      createdAt: expect.any(String),
      decidedBy: null,
      decidedAt: null,
    });
    const second = await put(manager, 'acknowledgement', {
      body: OWN_EASY_READ,
      variant: 'easy-read',
    }).expect(200);
    expect(second.body.version).toBe(2);
    await approved('acknowledgement', 2, 'easy-read');

    const own = await http().get('/templates').set('Authorization', `Bearer ${handler}`).expect(200);
    const variants = own.body.templates.find(
      (template: { name: string }) => template.name === 'acknowledgement',
    ).variants;
    expect(variants[0].override).toBeNull();
    expect(variants[1].override).toMatchObject({
      version: 2,
      body: OWN_EASY_READ,
      approvedBy: 'templates-test-senior',
    });

    const other = await http()
      .get('/templates')
      .set('Authorization', `Bearer ${await demoToken('handler@hpft.demo')}`)
      .expect(200);
    const theirs = other.body.templates.find(
      (template: { name: string }) => template.name === 'acknowledgement',
    );
    expect(theirs.variants.map((variant: { override: unknown }) => variant.override)).toEqual([null, null]);
  });

  it.each([
    [
      'prints case data unescaped',
      'acknowledgement',
      { body: '{{#> letter}}<p>{{{recipient.name}}}</p>{{/letter}}' },
      'body',
      /unescaped/,
    ],
    [
      'does not compile',
      'acknowledgement',
      { body: '{{#> letter}}<p>{{#if reference}}</p>{{/letter}}' },
      'body',
      /^does not compile/,
    ],
    [
      'does not render',
      'letterhead',
      { body: '<div>{{organisation.title}}</div>' },
      'body',
      /^does not render .*"title" not defined/,
    ],
    [
      'has no such variant',
      'reopened',
      { body: '<p>{{reference}}</p>', variant: 'easy-read' },
      'variant',
      /no easy-read variant/,
    ],
  ])('refuses an override that %s: 422 naming the field and why', async (_why, name, body, field, reason) => {
    const response = await put(manager, name, body).expect(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 422, title: 'Override refused' });
    expect(response.body.errors).toEqual([{ field, reason: expect.stringMatching(reason) }]);
  });

  it('unknown names are 404, bad variants 400, and nothing is saved', async () => {
    await put(manager, 'no-such-template', { body: '<p>Hi</p>' }).expect(404);
    const bad = await put(manager, 'acknowledgement', { body: '<p>Hi</p>', variant: 'welsh' }).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'variant', reason: expect.any(String) }]);
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM template_override WHERE organisation_code = $1 AND name <> 'acknowledgement'`,
      [ORGANISATION],
    );
    expect(count).toBe(0);
  });
});

describe('preview', () => {
  it('returns exactly what sending would produce (easy read, with the override), and stores nothing', async () => {
    const rows = () => dataSource.getRepository(Correspondence).countBy({ complaintReference: reference });
    const { body } = await preview(handler, { template: 'acknowledgement', format: 'email' }).expect(200);
    expect(body).toMatchObject({
      template: 'acknowledgement',
      variant: 'easy-read',
      templateSource: 'organisation',
      templateVersion: 2,
      partialOverrides: [],
      channel: 'email',
      subject: `Your complaint ${reference}: we have got your complaint`,
    });
    expect(body.html).toContain(`<p>We have got your complaint ${reference}.</p>`);
    expect(body.html).toContain('Dear Alex &lt;b&gt;Example&lt;/b&gt;,');
    expect(await rows()).toBe(0);

    const letter = await preview(handler, { template: 'acknowledgement', format: 'letter' }).expect(200);
    expect(letter.body.channel).toBe('letter');
    expect(letter.body.html).toContain('12 Acacia Avenue');
    expect(body.html).not.toContain('12 Acacia Avenue');
    expect(await rows()).toBe(0);

    const activities = createCorrespondenceActivities({
      dataSource,
      mailer,
      renderer: new TemplateRenderer(),
      messageIdDomain: 'complaints.test.example',
      defaultFrom: '"NHS complaints" <complaints@test.example>',
    });
    await runAsActivityOf(reference, activities.sendCorrespondence, {
      reference,
      step: 'acknowledgement-letter',
      template: 'acknowledgement',
      audience: 'complainant',
    });
    const sent = await dataSource
      .getRepository(Correspondence)
      .find({ where: { complaintReference: reference }, order: { channel: 'ASC' } });
    expect(sent.map((item) => item.channel)).toEqual(['email', 'letter']);
    for (const [item, previewed] of [
      [sent[0], body],
      [sent[1], letter.body],
    ]) {
      expect({ subject: item.subject, html: item.html, text: item.text }).toEqual({
        subject: previewed.subject,
        html: previewed.html,
        text: previewed.text,
      });
      expect(item).toMatchObject({
        variant: 'easy-read',
        templateSource: 'organisation',
        templateVersion: 2,
      });
    }
    const log = await http()
      .get(`/complaints/${reference}/correspondence`)
      .set('Authorization', `Bearer ${handler}`)
      .expect(200);
    expect(log.body[0]).toMatchObject({
      template: 'acknowledgement',
      variant: 'easy-read',
      templateSource: 'organisation',
      templateVersion: 2,
      partialOverrides: [],
    });
  });

  it('an audience nothing would be sent to: 422 naming the audience', async () => {
    const { body } = await preview(handler, {
      template: 'deadline-reminder',
      audience: 'responsible-person',
      facts: { deadline: 'acknowledgement', due: '2099-03-05', rule: 'R-ACK-1' },
    }).expect(422);
    // The test organisation has no Responsible Person in the record: nothing would be sent.
    expect(body.errors).toEqual([
      { field: 'audience', reason: expect.stringContaining('nothing would be sent') },
    ]);
  });

  it('unknown template or wrong facts: 422 naming the field', async () => {
    const unknown = await preview(handler, { template: 'final-response-draft' }).expect(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([{ field: 'template', reason: expect.any(String) }]);

    const wrong = await preview(handler, {
      template: 'timescale-extended',
      facts: {
        previousDue: null,
        newDue: 'soon',
        progressReport: false,
        agreedWith: null,
        agreedOn: null,
        agreedBy: null,
      },
    }).expect(422);
    expect(wrong.body.errors).toEqual([
      { field: 'facts.newDue', reason: expect.stringContaining('must be an ISO date') },
      { field: 'facts.reason', reason: expect.stringContaining('not defined') },
    ]);

    const unrenderable = await preview(handler, {
      template: 'final-response-cover',
      facts: { finalResponseVersion: 7 },
    }).expect(422);
    expect(unrenderable.body.errors).toEqual([
      { field: 'template', reason: expect.stringContaining('no saved final-response draft') },
    ]);
  });

  it('is for staff of the complaint’s organisation who consider complaints', async () => {
    await preview(await demoToken('handler@hpft.demo'), { template: 'acknowledgement' }).expect(404);
    await preview(await tokenAs(ORGANISATION, `${ORGANISATION.toLowerCase()}-staff`, ['staff']), {
      template: 'acknowledgement',
    }).expect(403);
    await http()
      .post(`/complaints/${reference}/correspondence/preview`)
      .send({ template: 'acknowledgement' })
      .expect(401);
    await preview(handler, { template: 'acknowledgement', format: 'fax' }).expect(400);
  });
});

describe('reverting', () => {
  it('DELETE puts the standard template back (complaints managers only); again is 404', async () => {
    await http()
      .delete('/templates/acknowledgement/override?variant=easy-read')
      .set('Authorization', `Bearer ${handler}`)
      .expect(403);
    await http()
      .delete('/templates/acknowledgement/override?variant=easy-read')
      .set('Authorization', `Bearer ${manager}`)
      .expect(204);
    const { body } = await preview(handler, { template: 'acknowledgement' }).expect(200);
    expect(body).toMatchObject({ variant: 'easy-read', templateSource: 'standard', templateVersion: 3 });
    expect(body.html).not.toContain('We have got your complaint HPFT');
    expect(body.html).not.toContain('look into your complaint and send you a full answer');
    await http()
      .delete('/templates/acknowledgement/override?variant=easy-read')
      .set('Authorization', `Bearer ${manager}`)
      .expect(404);
    // The reverted versions are kept: sent items name them.
    const versions: { version: number; has_body: boolean }[] = await dataSource.query(
      `SELECT version, body IS NOT NULL AS has_body FROM template_override
        WHERE organisation_code = $1 AND name = 'acknowledgement' ORDER BY version`,
      [ORGANISATION],
    );
    expect(versions).toEqual([
      { version: 1, has_body: true },
      { version: 2, has_body: true },
      { version: 3, has_body: false },
    ]);
  });
});

describe('subject overrides', () => {
  // `reopened` has no easy-read variant: this complaint's letters use its standard one.
  const OWN_SUBJECT = 'Your complaint {{reference}} is open again';
  const reopened = { template: 'reopened', facts: { due: null } };

  it('a complaints manager saves a subject line alone, in versions like a body, listed for the organisation', async () => {
    await put(handler, 'reopened', { subject: OWN_SUBJECT }).expect(403);
    const first = await put(manager, 'reopened', { subject: OWN_SUBJECT }).expect(200);
    expect(first.body).toMatchObject({
      name: 'reopened',
      variant: 'standard',
      version: 1,
      subject: OWN_SUBJECT,
      status: 'proposed',
      createdBy: 'templates-test-manager',
    });
    expect(first.body).not.toHaveProperty('body');
    expect((await put(manager, 'reopened', { subject: OWN_SUBJECT }).expect(200)).body.version).toBe(2);
    await approved('reopened', 2);
    const { body } = await http().get('/templates').set('Authorization', `Bearer ${handler}`).expect(200);
    const listed = body.templates.find((template: { name: string }) => template.name === 'reopened');
    expect(listed.variants).toEqual([
      {
        variant: 'standard',
        version: 1,
        subject: 'Your complaint {{reference}}: we have reopened it',
        mustSay: expect.any(Array),
        override: expect.objectContaining({ version: 2, subject: OWN_SUBJECT }),
        proposals: [],
      },
    ]);
    expect(listed.variants[0].override).not.toHaveProperty('body');
  });

  it.each([
    ['prints case data unescaped', { subject: 'Your complaint {{{reference}}}' }, 'subject', /unescaped/],
    ['does not compile', { subject: 'Your complaint {{#if reference}}' }, 'subject', /^does not compile/],
    [
      'does not render',
      { subject: 'Your complaint {{referense}}' },
      'subject',
      /^does not render reopened .*"referense" not defined/,
    ],
    ['is more than one line', { subject: 'Your complaint\n{{reference}}' }, 'subject', /one line/],
    [
      'is for a partial',
      { body: '<div>{{organisation.name}}</div>', subject: OWN_SUBJECT, name: 'letterhead' },
      'subject',
      /a partial has no subject line/,
    ],
  ])(
    'refuses a subject line that %s: 422 naming the subject, and saves nothing',
    async (_why, request, field, reason) => {
      const { name = 'reopened', ...body } = request as { name?: string; subject: string };
      const response = await put(manager, name, body).expect(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 422, title: 'Override refused' });
      expect(response.body.errors).toEqual([{ field, reason: expect.stringMatching(reason) }]);
      const [{ latest }] = await dataSource.query(
        `SELECT max(version) AS latest FROM template_override WHERE organisation_code = $1 AND name = $2`,
        [ORGANISATION, name],
      );
      expect(latest).toBe(name === 'reopened' ? 2 : null);
    },
  );

  it('neither a body nor a subject: 400 naming the body', async () => {
    const { body } = await put(manager, 'reopened', {}).expect(400);
    expect(body.errors).toEqual([{ field: 'body', reason: expect.any(String) }]);
  });

  it('a null subject line is 400 naming it, not a failed render (found by the fuzz test)', async () => {
    const { body } = await put(manager, 'reopened', { body: '<p>Hi</p>', subject: null }).expect(400);
    expect(body.errors).toEqual([{ field: 'subject', reason: expect.any(String) }]);
  });

  it('is used in the preview and when the letter is sent, with the standard body', async () => {
    const subject = `Your complaint ${reference} is open again`;
    const previewed = await preview(handler, { ...reopened, format: 'email' }).expect(200);
    expect(previewed.body).toMatchObject({
      template: 'reopened',
      variant: 'standard',
      templateSource: 'organisation',
      templateVersion: 2,
      subject,
    });
    expect(previewed.body.html).toContain(`<title>${subject}</title>`);

    const activities = createCorrespondenceActivities({
      dataSource,
      mailer,
      renderer: new TemplateRenderer(),
      messageIdDomain: 'complaints.test.example',
      defaultFrom: '"NHS complaints" <complaints@test.example>',
    });
    await runAsActivityOf(reference, activities.sendCorrespondence, {
      reference,
      step: 'reopened-letter',
      template: 'reopened',
      audience: 'complainant',
      facts: { due: null },
    });
    const sent = await dataSource
      .getRepository(Correspondence)
      .find({ where: { complaintReference: reference, template: 'reopened' }, order: { channel: 'ASC' } });
    expect(sent.map((item) => item.channel)).toEqual(['email', 'letter']);
    for (const item of sent)
      expect(item).toMatchObject({ subject, templateSource: 'organisation', templateVersion: 2 });
    expect(sent[0].html).toBe(previewed.body.html);
  });

  it('a save replaces the whole override: a body alone puts the standard subject back', async () => {
    const saved = await put(manager, 'reopened', {
      body: '{{#> letter}}<p>We have reopened {{reference}}. We will reply within the timescale we agree with you.</p>{{/letter}}',
    }).expect(200);
    expect(saved.body.version).toBe(3);
    await approved('reopened', 3);
    expect(saved.body).not.toHaveProperty('subject');
    const { body } = await preview(handler, reopened).expect(200);
    expect(body).toMatchObject({
      templateVersion: 3,
      subject: `Your complaint ${reference}: we have reopened it`,
    });
    expect(body.html).toContain(`We have reopened ${reference}.`);
  });
});

describe("the API docs' examples", () => {
  it('accepts every documented request body as it is, or refuses it only as the operation documents', async () => {
    const document = (await http().get('/docs-json').expect(200)).body as OpenApiDocument;
    const examples = documentedRequestExamples(document);
    expect(examples.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining([
        'put /templates/{name}/override',
        'post /complaints/{reference}/correspondence/preview',
      ]),
    );
    const pathValues: Record<string, string> = { reference, name: 'acknowledgement', version: '1' };
    for (const { method, path, operation, body } of examples) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? name);
      const response = await (method === 'put' ? http().put(url) : http().post(url))
        .set('Authorization', `Bearer ${manager}`)
        .send(body as object);
      const documented = Object.keys(operation.responses).includes(String(response.status));
      expect({
        url,
        status: response.status,
        valid: response.status < 300 || (documented && response.status !== 400),
      }).toEqual({ url, status: response.status, valid: true });
    }
  });
});
