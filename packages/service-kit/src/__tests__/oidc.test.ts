// Production sign-in: tokens from a real OpenID Connect provider (oidc-provider, OpenID Certified) that
// this test starts on loopback, verified by discovery and JWKS like NHS CIS2 or Entra ID tokens, and bound
// to an active staff_user row by the provider's subject.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { StaffUser } from '@complaints/db';
import { addStaffUser, probeConfig, startProbe, type Probe } from './probe-app';

jest.setTimeout(60_000);

const CLIENT_ID = `staff-${randomBytes(6).toString('hex')}`;
const CLIENT_SECRET = randomBytes(24).toString('base64url');

interface RunningProvider {
  issuer: string;
  process: ChildProcess;
}

/** Starts one provider process; both providers of this file sign with the same keys. */
async function startProvider(jwks: string): Promise<RunningProvider> {
  const child = spawn(process.execPath, [path.join(__dirname, 'support', 'oidc-test-provider.mjs')], {
    env: {
      ...process.env,
      OIDC_TEST_JWKS: jwks,
      OIDC_TEST_CLIENT_ID: CLIENT_ID,
      OIDC_TEST_CLIENT_SECRET: CLIENT_SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line.slice('READY '.length));
    });
  });
  return { issuer, process: child };
}

/** An access token by the client-credentials grant, for the resource (and so the audience) named. */
async function accessToken(provider: RunningProvider, resource: string): Promise<string> {
  const response = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      resource,
      scope: 'staff',
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token) throw new Error(`token request failed: ${JSON.stringify(body)}`);
  return body.access_token;
}

let provider: RunningProvider;
let impostor: RunningProvider;
let probe: Probe;
let member: StaffUser;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(privateKey)), kid: 'test-es256', alg: 'ES256', use: 'sig' }],
  });
  [provider, impostor] = await Promise.all([startProvider(jwks), startProvider(jwks)]);
  probe = await startProbe(
    probeConfig({
      NODE_ENV: 'test',
      OIDC_ISSUER: provider.issuer,
      AUTH_CLOCK_TOLERANCE_SECONDS: '0',
      AUTH_TOKEN_MAX_LIFETIME_SECONDS: '3600',
      AUTH_STAFF_CACHE_SECONDS: '1',
    }),
  );
  // The provider's subject for a client-credentials token is the client: this row is that person.
  member = await addStaffUser(probe.dataSource, { roles: ['handler'], identitySubject: CLIENT_ID });
});

afterAll(async () => {
  await probe?.close();
  for (const running of [provider, impostor]) running?.process.kill('SIGTERM');
});

const me = (token: string) =>
  request(probe.app.getHttpServer()).get('/probe/me').set('Authorization', `Bearer ${token}`);

function expectUnauthorized(response: request.Response) {
  expect(response.status).toBe(401);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(expect.objectContaining({ title: 'Unauthorized', status: 401 }));
}

describe('tokens of an OpenID Connect provider', () => {
  it('accepts a token of the issuer for this audience, as the staff_user row it names', async () => {
    const response = await me(await accessToken(provider, 'urn:complaints:staff')).expect(200);
    expect(response.body).toEqual({ id: member.id, organisationCode: 'HPFT', roles: ['handler'] });
  });

  it('refuses a token of the same issuer for another audience (the partners’ service)', async () => {
    expectUnauthorized(await me(await accessToken(provider, 'urn:complaints:partners')));
  });

  it('refuses a token of another issuer, even one signed with the same keys', async () => {
    expectUnauthorized(await me(await accessToken(impostor, 'urn:complaints:staff')));
  });

  it('refuses an HS256 token carrying the right issuer, audience and subject', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(provider.issuer)
      .setAudience('complaints-staff')
      .setSubject(CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(randomBytes(32));
    expectUnauthorized(await me(forged));
  });

  it('refuses an expired token', async () => {
    const token = await accessToken(provider, 'urn:complaints:staff-short-lived');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expectUnauthorized(await me(token));
  });

  it('refuses a token whose lifetime is longer than AUTH_TOKEN_MAX_LIFETIME_SECONDS', async () => {
    expectUnauthorized(await me(await accessToken(provider, 'urn:complaints:staff-day-long')));
  });

  it('refuses a good token once its staff_user row is disabled (within the cache time)', async () => {
    const token = await accessToken(provider, 'urn:complaints:staff');
    await me(token).expect(200);
    await probe.dataSource.getRepository(StaffUser).update({ id: member.id }, { active: false });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expectUnauthorized(await me(token));
    } finally {
      await probe.dataSource.getRepository(StaffUser).update({ id: member.id }, { active: true });
    }
  });
});
