// Issue #12 point 12: no request yields a 5xx. A property test over every operation of the API's own OpenAPI
// document: the documented request (as "Try it out" fills it in) with one body field, path parameter or query
// parameter replaced by a generated value, or left out, or the whole body replaced. Every answer is below 500,
// and every refusal is an RFC 9457 problem. Fixed seed, bounded runs: a failure prints its counterexample and
// reproduces. It runs in an organisation of its own, so what a generated request happens to change touches no
// other test's data.
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import {
  documentedRequestExamples,
  openTestDataSource,
  type OpenApiDocument,
  type OpenApiOperation,
} from '@complaints/testing';
import { as, complaintBody, eventually, useApi } from './api-harness';
import { insertOrganisation, REPORT_ROLES, tokenOf } from './report-fixtures';

const { api } = useApi({ timeoutMs: 300_000 });

const SEED = 20261205;
const RUNS_PER_OPERATION = 40;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

// Letters only, as an organisation code is (2 to 8).
const organisation = `F${Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('')}`;
let dataSource: DataSource;
let document: OpenApiDocument;
const tokens: string[] = [];
const pathValues: Record<string, string> = {
  id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  actionId: 'action-1',
  referralId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  version: '1',
  quarter: '2026-27-Q2',
  year: '2025-26',
  role: 'clinical-team',
};

/** Values at the edges: past 2^31 and 2^53, dates that do not exist, long and odd strings, wrong types. */
const awkward: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    2 ** 31,
    2 ** 53 + 1,
    1e308,
    -1,
    0,
    1.5,
    '',
    ' ',
    '1e308',
    '2026-02-30',
    '0000-01-01',
    '9999-12-31T23:59:59Z',
    'x'.repeat(20_001),
    '\u202e\ud83d\ude00',
    '\ud800',
    '<script>alert(1)</script>',
    "'; DROP TABLE complaint; --",
    null,
    true,
    [],
    {},
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 2 }),
);

const awkwardText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '2147483648',
    '99999999999999999999',
    '1e308',
    'NaN',
    '2026-02-30',
    'HPFT-2026-000001',
    '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    'x'.repeat(2_000),
    '..',
    '%',
    'true',
  ),
  fc.string({ maxLength: 30 }),
  fc.integer().map(String),
);

/** Every place in a JSON value, as a path of keys and indexes (the value itself is `[]`). */
function placesIn(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const inner =
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) =>
          placesIn(child, [...at, Array.isArray(value) ? Number(key) : key]),
        )
      : [];
  return [at, ...inner];
}

function replacedAt(value: unknown, at: (string | number)[], by: unknown | typeof LEFT_OUT): unknown {
  if (at.length === 0) return by === LEFT_OUT ? undefined : by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (by === LEFT_OUT) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = by;
  return copy;
}
const LEFT_OUT = Symbol('left out');

/** A documented body as for this test's organisation: the examples name HPFT. */
const ours = (body: unknown): unknown =>
  body === undefined ? undefined : JSON.parse(JSON.stringify(body).replaceAll('"HPFT"', `"${organisation}"`));

interface Operation {
  method: Method;
  path: string;
  operation: OpenApiOperation;
  body: unknown;
}

function operations(): Operation[] {
  const bodies = new Map(
    documentedRequestExamples(document).map(({ method, path, body }) => [`${method} ${path}`, body]),
  );
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    METHODS.filter((method) => byMethod[method]).map((method) => ({
      method,
      path,
      operation: byMethod[method],
      body: ours(bodies.get(`${method} ${path}`)),
    })),
  );
}

interface Request {
  path: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** The request as documented: the example body, and the path's values from the complaint made for this test. */
function documentedRequest({ operation, body }: Operation): Request {
  const path = Object.fromEntries(
    (operation.parameters ?? [])
      .filter((p) => p.in === 'path')
      .map((p) => [p.name, pathValues[p.name] ?? p.name]),
  );
  return { path, query: {}, body };
}

/** The documented request, with one thing changed. */
function changed(target: Operation): fc.Arbitrary<Request> {
  const documented = documentedRequest(target);
  const { path, body } = documented;
  const queryNames = (target.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const changes: fc.WeightedArbitrary<Request>[] = [];
  const pathNames = Object.keys(path);
  if (pathNames.length > 0)
    changes.push({
      weight: 1,
      arbitrary: fc
        .record({ name: fc.constantFrom(...pathNames), value: awkwardText })
        .map(({ name, value }) => ({ ...documented, path: { ...path, [name]: value } })),
    });
  if (queryNames.length > 0)
    changes.push({
      weight: 2,
      arbitrary: fc
        .record({ name: fc.constantFrom(...queryNames), value: awkwardText })
        .map(({ name, value }) => ({ ...documented, query: { [name]: value } })),
    });
  if (body !== undefined) {
    const places = placesIn(body);
    // Mostly the body: it is where the most can go wrong.
    changes.push({
      weight: 4,
      arbitrary: fc
        .record({
          at: fc.constantFrom(...places),
          by: fc.oneof({ weight: 4, arbitrary: awkward }, { weight: 1, arbitrary: fc.constant(LEFT_OUT) }),
        })
        .map(({ at, by }) => ({ ...documented, body: replacedAt(body, at, by) })),
    });
  }
  return changes.length > 0 ? fc.oneof(...changes) : fc.constant(documented);
}

async function send(
  { method, path }: Operation,
  request: Request,
  token: string,
): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.path[name]));
  const call = api()[method](url).set(as(token)).query(request.query);
  const response = await (request.body === undefined
    ? call
    : call.type('application/json').send(JSON.stringify(request.body)));
  return {
    status: response.status,
    type: String(response.headers['content-type'] ?? ''),
    body: response.body,
  };
}

beforeAll(async () => {
  dataSource = await openTestDataSource();
  await insertOrganisation(dataSource, organisation, 'hpft');
  for (const role of REPORT_ROLES) tokens.push(await tokenOf(organisation, role));
  document = (await api().get('/docs-json').expect(200)).body;
  const handler = tokens[REPORT_ROLES.indexOf('handler')];
  const created = await api()
    .post('/complaints')
    .set(as(handler))
    .send(complaintBody({ organisation }))
    .expect(201);
  pathValues.reference = created.body.reference;
  const record = await eventually(
    () =>
      api()
        .get(`/complaints/${created.body.reference}`)
        .set(as(handler))
        .then((response) => response.body),
    (body) => Array.isArray(body.issues) && body.issues.length > 0,
  );
  pathValues.issueId = record.issues[0].id;
}, 60_000);

afterAll(async () => {
  await dataSource?.destroy();
});

it('reaches every operation of the document', () => {
  expect(operations().length).toBeGreaterThanOrEqual(100);
});

it('answers every generated request below 500, and every refusal as a problem (issue #12 point 12)', async () => {
  const served: Record<string, number> = {};
  for (const target of operations()) {
    const documented = documentedRequest(target);
    // The first of the organisation's staff whose roles allow the operation, so the generated request gets past
    // the role check to its validation; anyone will do where none may.
    let token = tokens[0];
    for (const candidate of tokens) {
      token = candidate;
      if (![401, 403].includes((await send(target, documented, candidate)).status)) break;
    }
    await fc.assert(
      fc.asyncProperty(changed(target), async (request) => {
        const answer = await send(target, request, token);
        served[answer.status] = (served[answer.status] ?? 0) + 1;
        if (answer.status >= 500)
          throw new Error(
            `${target.method.toUpperCase()} ${target.path} answered ${answer.status} to ${JSON.stringify(request)}`,
          );
        if (answer.status >= 400) {
          expect(answer.type).toContain('application/problem+json');
          expect(answer.body).toEqual(
            expect.objectContaining({ status: answer.status, title: expect.any(String) }),
          );
        }
      }),
      { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
    );
  }
  // Most generated requests are refused (400, 404, 409, 413), and some are accepted.
  expect(served[400]).toBeGreaterThan(0);
  expect(Object.keys(served).some((status) => Number(status) < 300)).toBe(true);
}, 600_000);
