// The progress link reaches the person (issue #18 Deliver 3, ADR 0028), with the real workers, Postgres, Temporal
// and SMTP: a complaint acknowledged in writing is emailed its acknowledgement with the person's own progress
// link, read back from the real inbox; the link opens the progress page as the public web service's requests are
// served (ProgressService, as the API's own database role), each view in the access log; the letters log keeps
// only a placeholder; staff see the link through the HTTP API and revoke it, after which it opens nothing.
import type { DataSource } from 'typeorm';
import { Correspondence } from '@complaints/db';
import { ProblemException } from '@complaints/service-kit';
import { MailInbox, openServiceDataSource, openTestDataSource } from '@complaints/testing';
import { ProgressService } from '../progress/progress.service';
import { as, complaintBody, tokenFor, useApi } from './api-harness';

const { api, detailWhen } = useApi({ timeoutMs: 120_000 });
const inbox = new MailInbox();

let owner: DataSource;
let apiRole: DataSource;
let progress: ProgressService;

beforeAll(async () => {
  owner = await openTestDataSource();
  apiRole = await openServiceDataSource('complaints-api');
  progress = new ProgressService(apiRole, { publicWebUrl: 'http://127.0.0.1:3004' });
});
afterAll(async () => Promise.all([owner, apiRole].map((source) => source?.destroy())));

it('HPFT: the acknowledgement email carries a working progress link, kept out of the letters log, that staff can revoke (R-ACK-1)', async () => {
  const token = await tokenFor('handler@hpft.demo');
  const body = complaintBody({ organisation: 'HPFT', replyChannels: ['email'] });
  const { reference } = (await api().post('/complaints').set(as(token)).send(body).expect(201)).body;
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set(as(token))
    .send({ method: 'written' })
    .expect(200);

  const [email] = await inbox.waitFor(
    (m) =>
      m.to.some((to) => to.address === body.complainant.email) &&
      m.subject === `Your complaint ${reference}: acknowledgement`,
  );
  expect(email.text).toContain('Follow your complaint online');
  const link = /(\S+)\/hpft\/progress\?link=([A-Za-z0-9_-]+)/.exec(email.text);
  expect(link).not.toBeNull();
  const secret = link![2];

  // The letters log keeps the placeholder, never the secret.
  const stored = await owner.getRepository(Correspondence).findOneByOrFail({
    complaintReference: reference,
    template: 'acknowledgement',
    channel: 'email',
  });
  expect(stored.html).toContain('It is not kept in this copy.');
  expect(`${stored.html}${stored.text}`).not.toContain(secret);

  // The link opens the person's page; the view is in the access log as the link.
  const view = await progress.view(secret, 'req-progress-1');
  expect(view).toEqual(expect.objectContaining({ reference, organisation: 'HPFT' }));
  expect(view.letters.map((letter) => letter.subject)).toContain(
    `Your complaint ${reference}: acknowledgement`,
  );
  const links = (await api().get(`/complaints/${reference}/progress-links`).set(as(token)).expect(200))
    .body as { id: string; issuedBy: string; live: boolean; usedAt: string | null }[];
  expect(links).toEqual([
    expect.objectContaining({ issuedBy: 'acknowledgement', live: true, usedAt: expect.any(String) }),
  ]);
  const logged = await owner.query(
    `SELECT staff_id, action, basis FROM access_log_entry WHERE complaint_reference = $1 AND request_id = $2`,
    [reference, 'req-progress-1'],
  );
  expect(logged).toEqual([{ staff_id: `access-link:${links[0].id}`, action: 'view', basis: 'access-link' }]);

  // Revoked by staff, it opens nothing (the same answer as any refused link).
  await api()
    .post(`/complaints/${reference}/progress-links/${links[0].id}/revocation`)
    .set(as(token))
    .expect(204);
  const refused = await progress.view(secret, 'req-progress-2').then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(ProblemException);
  expect((refused as ProblemException).getResponse()).toMatchObject({ status: 404 });
  const after = (await api().get(`/complaints/${reference}/progress-links`).set(as(token)).expect(200)).body;
  expect(after).toEqual([expect.objectContaining({ live: false, revokedAt: expect.any(String) })]);
  await detailWhen(reference, token, (detail) => detail.stage !== 'awaiting-acknowledgement');
});
