// The service as it is started (node dist/main.js, as in the image): in production it refuses, before
// opening anything, the development sign-in and a missing key, with one line each and exit code 1.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const main = path.join(__dirname, '..', '..', 'dist', 'main.js');
const production = {
  PATH: process.env.PATH,
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://complaints@127.0.0.1:1/complaints',
  PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  OIDC_ISSUER: 'https://idp.invalid/realms/staff',
};

function start(env: Record<string, string | undefined>) {
  const result = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stderr: result.stderr };
}

it('refuses to start in production with a development (HS256) key, even one of its own', () => {
  const key = randomBytes(48).toString('base64url');
  const { status, stderr } = start({ ...production, AUTH_JWT_SECRET: key });
  expect(status).toBe(1);
  expect(stderr).toMatch(/AUTH_JWT_SECRET: development \(HS256\) tokens are refused in production/);
  expect(stderr).not.toContain(key);
});

it('refuses to start in production with the development key once published in the source', () => {
  const { status, stderr } = start({
    ...production,
    AUTH_JWT_SECRET: 'development-only-secret-change-me-in-production',
  });
  expect(status).toBe(1);
  expect(stderr).toMatch(/AUTH_JWT_SECRET: is a key published in the source code/);
});

it('refuses to start in production without an identity provider, or without its payload key', () => {
  const noIssuer = start({ ...production, OIDC_ISSUER: undefined });
  expect(noIssuer.status).toBe(1);
  expect(noIssuer.stderr).toMatch(/OIDC_ISSUER: is required in production/);
  const noKey = start({ ...production, PAYLOAD_ENCRYPTION_KEY: undefined });
  expect(noKey.status).toBe(1);
  expect(noKey.stderr).toMatch(/PAYLOAD_ENCRYPTION_KEY: is required/);
});

it('refuses to start anywhere without any key to verify staff tokens with', () => {
  const { status, stderr } = start({ ...production, NODE_ENV: 'development', OIDC_ISSUER: undefined });
  expect(status).toBe(1);
  expect(stderr).toMatch(/AUTH_JWT_SECRET: is required .*unless OIDC_ISSUER is set/);
});
