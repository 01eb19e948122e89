// Access links (ADR 0017) against the real test Postgres: the token is never stored, a single-use link opens
// once even when redeemed twice at the same moment, and expired, revoked or unknown links open nothing.
// Rows are committed (the concurrency case needs two connections) and left to the throw-away database.
import { createHash, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  AccessLink,
  Complaint,
  createDataSource,
  inspectAccessLink,
  issueAccessLink,
  redeemAccessLink,
  revokeAccessLink,
  seedDemoData,
} from '../index';

let dataSource: DataSource;
let complaintId: string;

const inOneHour = () => new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with the README test command');
  dataSource = await createDataSource(url, {
    poolSize: 4,
    applicationName: 'db-access-links-test',
  }).initialize();
  await seedDemoData(dataSource);
  const complaint = await dataSource.getRepository(Complaint).save({
    reference: `HPFT-2094-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
    organisationCode: 'HPFT',
    kind: 'complaint',
    channel: 'web-form',
    receivedOn: '2094-03-02',
    profileId: 'hpft',
    profileVersion: 1,
    stage: 'closer-look',
    createdBy: 'hpft-intake-handler',
  });
  complaintId = complaint.id;
});
afterAll(async () => dataSource?.destroy());

const partnerLink = (fields: { singleUse?: boolean; expiresAt?: Date } = {}) =>
  issueAccessLink(dataSource.manager, {
    purpose: 'partner-case',
    complaintId,
    partnerCode: 'HCCACS',
    singleUse: fields.singleUse ?? true,
    issuedBy: 'joint-response',
    expiresAt: fields.expiresAt ?? inOneHour(),
  });

it('keeps only the SHA-256 of the token, never the token', async () => {
  const issued = await partnerLink();
  const [row] = await dataSource.query(`SELECT token_hash FROM access_link WHERE id = $1`, [issued.id]);
  expect(Buffer.compare(row.token_hash, createHash('sha256').update(issued.token).digest())).toBe(0);
  expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const everything = JSON.stringify(
    await dataSource.query(`SELECT * FROM access_link WHERE id = $1`, [issued.id]),
  );
  expect(everything).not.toContain(issued.token);
});

it('opens a single-use link once; the second redemption is refused as used', async () => {
  const issued = await partnerLink();
  const first = await redeemAccessLink(dataSource.manager, issued.token, 'partner-case');
  expect(first).toMatchObject({ opened: true, link: { id: issued.id, partnerCode: 'HCCACS', complaintId } });
  expect(await redeemAccessLink(dataSource.manager, issued.token, 'partner-case')).toEqual({
    opened: false,
    reason: 'used',
    linkId: issued.id,
  });
});

it('inspects a single-use link without spending it: still open after any number of looks, refused once used', async () => {
  const issued = await partnerLink();
  for (let look = 0; look < 3; look += 1)
    expect(await inspectAccessLink(dataSource.manager, issued.token, 'partner-case')).toMatchObject({
      opened: true,
      link: { id: issued.id, partnerCode: 'HCCACS', usedAt: null },
    });
  expect((await redeemAccessLink(dataSource.manager, issued.token, 'partner-case')).opened).toBe(true);
  expect(await inspectAccessLink(dataSource.manager, issued.token, 'partner-case')).toEqual({
    opened: false,
    reason: 'used',
    linkId: issued.id,
  });
  expect(await inspectAccessLink(dataSource.manager, issued.token, 'complainant-progress')).toEqual({
    opened: false,
    reason: 'unknown',
  });
  const expired = await partnerLink();
  await dataSource.query(
    `UPDATE access_link SET issued_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
      WHERE id = $1`,
    [expired.id],
  );
  expect(await inspectAccessLink(dataSource.manager, expired.token, 'partner-case')).toMatchObject({
    opened: false,
    reason: 'expired',
  });
});

it('opens a single-use link for exactly one of two redemptions at the same moment', async () => {
  const issued = await partnerLink();
  const results = await Promise.all([
    dataSource.transaction((manager) => redeemAccessLink(manager, issued.token, 'partner-case')),
    dataSource.transaction((manager) => redeemAccessLink(manager, issued.token, 'partner-case')),
  ]);
  expect(results.filter((result) => result.opened)).toHaveLength(1);
});

it('keeps a multi-use link open until it is revoked, and records its first use', async () => {
  const issued = await issueAccessLink(dataSource.manager, {
    purpose: 'complainant-progress',
    complaintId,
    singleUse: false,
    issuedBy: 'hpft-handler',
    expiresAt: inOneHour(),
  });
  expect((await redeemAccessLink(dataSource.manager, issued.token, 'complainant-progress')).opened).toBe(
    true,
  );
  expect((await redeemAccessLink(dataSource.manager, issued.token, 'complainant-progress')).opened).toBe(
    true,
  );
  const firstUse = (await dataSource.getRepository(AccessLink).findOneByOrFail({ id: issued.id })).usedAt;
  expect(firstUse).toBeInstanceOf(Date);

  expect(await revokeAccessLink(dataSource.manager, issued.id, 'hpft-complaints-manager')).toBe(true);
  expect(await revokeAccessLink(dataSource.manager, issued.id, 'hpft-complaints-manager')).toBe(false);
  expect(await redeemAccessLink(dataSource.manager, issued.token, 'complainant-progress')).toMatchObject({
    opened: false,
    reason: 'revoked',
  });
});

it('refuses an expired link, a link for another purpose and a token never issued', async () => {
  const issued = await partnerLink();
  await dataSource.query(
    `UPDATE access_link SET issued_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
      WHERE id = $1`,
    [issued.id],
  );
  expect(await redeemAccessLink(dataSource.manager, issued.token, 'partner-case')).toMatchObject({
    opened: false,
    reason: 'expired',
  });

  const other = await partnerLink();
  expect(await redeemAccessLink(dataSource.manager, other.token, 'experience-survey')).toEqual({
    opened: false,
    reason: 'unknown',
  });
  expect(await redeemAccessLink(dataSource.manager, 'A'.repeat(43), 'partner-case')).toEqual({
    opened: false,
    reason: 'unknown',
  });
  expect(await redeemAccessLink(dataSource.manager, "x' OR '1'='1", 'partner-case')).toEqual({
    opened: false,
    reason: 'unknown',
  });
});

it('refuses a partner link without its partner, and a link that expires before it is issued', async () => {
  await expect(
    issueAccessLink(dataSource.manager, {
      purpose: 'partner-case',
      complaintId,
      singleUse: true,
      issuedBy: 'joint-response',
      expiresAt: inOneHour(),
    }),
  ).rejects.toThrow(/check constraint/);
  await expect(partnerLink({ expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow(/check constraint/);
});
