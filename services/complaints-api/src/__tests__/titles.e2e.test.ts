// R-RESP-2, R-PERS-1 (ADR 0034): the complaints team keeps the titles letters sign with, through the API, on an
// organisation of this test's own (the demo organisations' titles are read by other tests' letters).
import type { DataSource } from 'typeorm';
import { Organisation, StaffUser } from '@complaints/db';
import { roleTitle } from '@complaints/domain';
import { openTestDataSource, uniqueSuffix } from '@complaints/testing';
import { as, useApi } from './api-harness';
import { insertOrganisation, staffIdOf, tokenOf } from './report-fixtures';

const { api } = useApi({ workers: false });

const organisation = `T${uniqueSuffix().slice(-6).toUpperCase()}`;
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await insertOrganisation(dataSource, organisation, 'hpft');
});

afterAll(async () => {
  await dataSource?.destroy();
});

const tokens: Record<string, string> = {};

beforeAll(async () => {
  for (const role of ['complaints-manager', 'senior-manager', 'handler'])
    tokens[role] = await tokenOf(organisation, role);
});

const titles = (role = 'complaints-manager') => api().get('/organisation/titles').set(as(tokens[role]));
const setRole = (role: string, title: unknown, by = 'complaints-manager') =>
  api().put(`/organisation/titles/roles/${role}`).set(as(tokens[by])).send({ title });
const setStaff = (staffId: string, title: unknown) =>
  api().put(`/organisation/titles/staff/${staffId}`).set(as(tokens['complaints-manager'])).send({ title });

it("R-PERS-1: the organisation's own title for a role replaces the seed's in what letters read, and null brings the seed's back", async () => {
  const before = (await titles().expect(200)).body;
  expect(before.roles).toContainEqual({
    role: 'deputy-chief-executive',
    title: 'Deputy Chief Executive',
    own: false,
  });

  const set = (await setRole('deputy-chief-executive', '  Deputy CEO  ').expect(200)).body;
  expect(set.roles).toContainEqual({ role: 'deputy-chief-executive', title: 'Deputy CEO', own: true });
  const stored = await dataSource.getRepository(Organisation).findOneByOrFail({ code: organisation });
  expect(roleTitle(stored.roleTitles, 'deputy-chief-executive')).toBe('Deputy CEO');
  // The other roles keep theirs.
  expect(roleTitle(stored.roleTitles, 'managing-director')).toBe('Managing Director of the service');

  await setRole('responsible-person', 'Chief Executive').expect(200);
  const cleared = (await setRole('deputy-chief-executive', null).expect(200)).body;
  expect(cleared.roles).toContainEqual({
    role: 'deputy-chief-executive',
    title: 'Deputy Chief Executive',
    own: false,
  });
  expect(cleared.roles).toContainEqual({ role: 'responsible-person', title: 'Chief Executive', own: true });
});

it("R-RESP-2: a member of staff's job title is set and cleared; the letters read it from the record", async () => {
  const staffId = staffIdOf(organisation, 'senior-manager');
  const set = (await setStaff(staffId, 'Director of Nursing').expect(200)).body;
  expect(set.staff).toContainEqual(
    expect.objectContaining({ staffId, jobTitle: 'Director of Nursing', roles: ['senior-manager'] }),
  );
  expect((await dataSource.getRepository(StaffUser).findOneByOrFail({ id: staffId })).jobTitle).toBe(
    'Director of Nursing',
  );
  await setStaff(staffId, null).expect(200);
  expect((await dataSource.getRepository(StaffUser).findOneByOrFail({ id: staffId })).jobTitle).toBeNull();
});

it('bad input is a 400 naming the field; staff of another organisation are not found; only the complaints team and the Responsible Person may', async () => {
  const unknownRole = await setRole('chief-wizard', 'Wizard').expect(400);
  expect(unknownRole.body.errors).toEqual([
    { field: 'role', reason: expect.stringContaining('must be one of managing-director') },
  ]);
  for (const title of ['', 'x'.repeat(121), 42]) {
    const bad = await setRole('clinical-team', title).expect(400);
    expect(bad.body.errors).toContainEqual({
      field: 'title',
      reason: expect.stringMatching(/title must be/),
    });
    expect(bad.body.errors.every((error: { field: string }) => error.field === 'title')).toBe(true);
  }
  await setStaff('hpft-senior-manager', 'Not yours').expect(404);
  expect(
    (await dataSource.getRepository(StaffUser).findOneByOrFail({ id: 'hpft-senior-manager' })).jobTitle,
  ).not.toBe('Not yours');
  await setStaff('x'.repeat(65), 'Too long an id').expect(400);
  await titles('handler').expect(403);
  await setRole('clinical-team', 'Care team', 'senior-manager').expect(403);
});
