// Bad input is a 400 that names the field and the limit, never a 500: numbers past what the record can
// hold, and version 0, in paths, bodies and queries.
import { as, complaintBody, tokenFor, useApi } from './api-harness';

const { api } = useApi({ workers: false, timeoutMs: 60_000 });

let handler: string;
let reference: string;
beforeAll(async () => {
  handler = await tokenFor('handler@hpft.demo');
  reference = (await api().post('/complaints').set(as(handler)).send(complaintBody()).expect(201)).body
    .reference;
});

it.each(['0', '2147483648', '99999999999999999999', '1.5', '-1', 'seven'])(
  'GET …/final-response/drafts/%s is a 400 naming version and its range',
  async (version) => {
    const response = await api()
      .get(`/complaints/${reference}/final-response/drafts/${version}`)
      .set(as(handler));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'version', reason: 'version must be a whole number from 1 to 2147483647' },
    ]);
  },
);

it('a submitted version past what the record can hold is a 400 naming version', async () => {
  const response = await api()
    .post(`/complaints/${reference}/final-response/submission`)
    .set(as(handler))
    .send({ version: 2 ** 31 });
  expect(response.status).toBe(400);
  expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['version']);
});

it.each(['1e308', '100001'])('the worklist page %s is a 400 naming page', async (page) => {
  const response = await api().get('/complaints').query({ page }).set(as(handler));
  expect(response.status).toBe(400);
  expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['page']);
});
