// A newcomer's first hour: every request body the API docs offer ("Try it out", as Swagger UI fills
// it in) is accepted as given, or refused for a reason the operation documents — never as invalid
// input (400) and never with a 5xx. Validation runs before any procedure check, so a 409 here still
// proves the body was valid.
import request from 'supertest';
import { DEMO_STAFF } from '@complaints/db';
import { documentedRequestExamples, type OpenApiDocument } from '@complaints/testing';
import { complaintBody, eventually, tokenFor, useApi } from './api-harness';

const { api } = useApi({ timeoutMs: 120_000 });

let document: OpenApiDocument;
const pathValues: Record<string, string> = {
  id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  actionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  referralId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  version: '1',
  // An ended financial quarter (R-MON-3).
  quarter: '2026-27-Q2',
  // An ended financial year (the annual trend review, ADR 0029).
  year: '2025-26',
  // Its example title is the seed's, so HPFT's letters read the same (ADR 0034).
  role: 'clinical-team',
};
const tokens: string[] = [];

beforeAll(async () => {
  document = (await api().get('/docs-json').expect(200)).body;
  for (const user of DEMO_STAFF.filter((candidate) => candidate.organisationCode === 'HPFT'))
    tokens.push(await tokenFor(user.email));
  const handler = await tokenFor('handler@hpft.demo');
  const created = await api()
    .post('/complaints')
    .set({ Authorization: `Bearer ${handler}` })
    .send(complaintBody())
    .expect(201);
  pathValues.reference = created.body.reference;
  const record = await eventually(
    () =>
      api()
        .get(`/complaints/${created.body.reference}`)
        .set({ Authorization: `Bearer ${handler}` })
        .then((response) => response.body),
    (body) => Array.isArray(body.issues) && body.issues.length > 0,
  );
  pathValues.issueId = record.issues[0].id;
});

it('documents a request body for every command that takes one', () => {
  expect(documentedRequestExamples(document).length).toBeGreaterThanOrEqual(20);
});

it('takes in the example complaint of the API docs as it is (201)', async () => {
  const example = documentedRequestExamples(document).find(
    ({ method, path }) => method === 'post' && path === '/complaints',
  );
  const response = await api()
    .post('/complaints')
    .set({ Authorization: `Bearer ${await tokenFor('handler@hpft.demo')}` })
    .send(example!.body as object);
  expect(response.status).toBe(201);
  expect(response.body.reference).toMatch(/^HPFT-\d{4}-\d{6}$/);
});

it('accepts every documented example, or refuses it only as the operation documents', async () => {
  const judged: { operation: string; status: number; detail?: unknown }[] = [];
  for (const { method, path, operation, body } of documentedRequestExamples(document)) {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? name));
    // The first demo user whose roles allow the command and who may open the complaint: a 401/403, or the 404
    // of need-to-know (R-INT-8), would hide the body's validation.
    let response: request.Response | undefined;
    for (const token of tokens) {
      const server = api();
      response = await (method === 'put' ? server.put(url) : server.post(url))
        .set({ Authorization: `Bearer ${token}` })
        .send(body as object);
      if (![401, 403, 404].includes(response.status)) break;
    }
    const status = response!.status;
    const documented = Object.keys(operation.responses).includes(String(status));
    const accepted = status < 300 || (documented && status !== 400 && status < 500);
    if (!accepted)
      judged.push({
        operation: `${method.toUpperCase()} ${path}`,
        status,
        detail: response!.body?.errors ?? response!.body,
      });
  }
  expect(judged).toEqual([]);
});
