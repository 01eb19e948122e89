// The Temporal Web UI's codec server: only an operations token opens it, and it decrypts only what it encrypted.
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
import {
  configureApp,
  developmentTokenVerifier,
  loggingModule,
  signStaffToken,
} from '@complaints/service-kit';
import { EncryptionCodec } from '@complaints/temporal/client';
import { CodecController, PAYLOAD_CODEC } from '../codec/codec.controller';
import {
  OPERATIONS_AUDIENCE,
  OPERATIONS_TOKEN_VERIFIER,
  OperationsTokenGuard,
} from '../codec/operations-token.guard';

const key = Buffer.alloc(32, 7).toString('base64');
const tokens = { secret: randomBytes(48).toString('base64url'), issuer: 'nhs-complaints' };
const operations = { id: 'operations-1', organisationCode: 'OPS', roles: [] };

let app: INestApplication;
let codec: EncryptionCodec;

beforeAll(async () => {
  codec = await EncryptionCodec.create(key);
  const moduleRef = await Test.createTestingModule({
    imports: [loggingModule('test', 'silent')],
    controllers: [CodecController],
    providers: [
      { provide: PAYLOAD_CODEC, useValue: codec },
      {
        provide: OPERATIONS_TOKEN_VERIFIER,
        useValue: developmentTokenVerifier({
          ...tokens,
          audience: OPERATIONS_AUDIENCE,
          maxLifetimeSeconds: 8 * 3600,
          clockToleranceSeconds: 5,
        }),
      },
      OperationsTokenGuard,
    ],
  }).compile();
  app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, { title: 'codec', description: 'test' });
  await app.init();
});

afterAll(async () => app?.close());

const asJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(payload.data!).toString('base64'),
});

const encrypted = async (value: unknown) =>
  asJson((await codec.encode([defaultPayloadConverter.toPayload(value)]))[0]);
const operationsToken = () => signStaffToken(operations, { ...tokens, audience: OPERATIONS_AUDIENCE });
const decode = (body: unknown, token?: string) => {
  const call = request(app.getHttpServer()).post('/codec/decode');
  return (token ? call.set('Authorization', `Bearer ${token}`) : call).send(body as object);
};

it('answers 401 without a token, and neither decrypts nor encrypts', async () => {
  const body = { payloads: [await encrypted({ reference: 'HPFT-2026-000001' })] };
  const response = await decode(body).expect(401);
  expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  expect(JSON.stringify(response.body)).not.toContain('HPFT-2026-000001');
  await request(app.getHttpServer()).post('/codec/encode').send(body).expect(401);
});

it('answers 401 to a forged token, an expired one, and a staff token (another audience)', async () => {
  const body = { payloads: [await encrypted({ reference: 'HPFT-2026-000001' })] };
  const forged = await signStaffToken(operations, {
    ...tokens,
    secret: randomBytes(48).toString('base64url'),
    audience: OPERATIONS_AUDIENCE,
  });
  const expired = await signStaffToken(operations, { ...tokens, audience: OPERATIONS_AUDIENCE }, '-1m');
  const staff = await signStaffToken(
    { id: 'hpft-handler', organisationCode: 'HPFT', roles: ['handler'] },
    tokens,
  );
  for (const token of [forged, expired, staff, 'not-a-jwt']) {
    const response = await decode(body, token).expect(401);
    expect(response.body.detail).toBe('the bearer token is invalid, has expired or is not for operations');
  }
});

it('with an operations token, decrypts what it encrypted, and encrypts for the UI', async () => {
  const token = await operationsToken();
  const response = await decode(
    { payloads: [await encrypted({ reference: 'HPFT-2026-000001', stage: 'acknowledged' })] },
    token,
  ).expect(200);
  const decoded = response.body.payloads[0];
  expect(Buffer.from(decoded.metadata.encoding, 'base64').toString()).toBe('json/plain');
  expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toEqual({
    reference: 'HPFT-2026-000001',
    stage: 'acknowledged',
  });

  const roundTrip = await request(app.getHttpServer())
    .post('/codec/encode')
    .set('Authorization', `Bearer ${token}`)
    .send({ payloads: [decoded] })
    .expect(200);
  expect(Buffer.from(roundTrip.body.payloads[0].data, 'base64').toString()).not.toContain('HPFT-2026-000001');
  const again = await decode(roundTrip.body, token).expect(200);
  expect(again.body.payloads[0].data).toBe(decoded.data);
});

it('refuses a plaintext payload (400 naming why), and one it cannot decrypt, without echoing them', async () => {
  const token = await operationsToken();
  const plaintext = asJson(defaultPayloadConverter.toPayload({ reference: 'HPFT-2026-000001' }));
  const refused = await decode({ payloads: [await encrypted('fine'), plaintext] }, token).expect(400);
  expect(refused.body).toMatchObject({
    status: 400,
    detail:
      'the payload is not encrypted by the complaints codec (encoding is not binary/encrypted); it is refused',
  });
  expect(JSON.stringify(refused.body)).not.toContain('HPFT-2026-000001');

  const other = await EncryptionCodec.create(randomBytes(32).toString('base64'));
  const foreign = asJson((await other.encode([defaultPayloadConverter.toPayload('x')]))[0]);
  expect((await decode({ payloads: [foreign] }, token).expect(400)).body.detail).toMatch(
    /cannot be decrypted/,
  );
  expect((await decode({ payloads: 'all' }, token).expect(400)).body.detail).toBe(
    'payloads must be an array',
  );
});
