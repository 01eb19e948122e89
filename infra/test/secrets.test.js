// The embedded set-ups' keys: made on first use, private to their owner, kept across starts, and
// overridden by the environment (as production and compose set them). None is a default in the source.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const secrets = path.resolve(__dirname, '..', 'lib', 'secrets.mjs');

function embedded(dataDir, env = {}) {
  const script = `import { embeddedSecrets } from ${JSON.stringify(secrets)};
    process.stdout.write(JSON.stringify(embeddedSecrets(${JSON.stringify(dataDir)})));`;
  const clean = { ...process.env, ...env };
  for (const name of [
    'AUTH_JWT_SECRET',
    'PAYLOAD_ENCRYPTION_KEY',
    'COMMAND_SIGNING_KEY',
    'COMMAND_VERIFICATION_KEYS',
  ])
    if (!(name in env)) delete clean[name];
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: clean,
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

let dataDir;
beforeEach(() => (dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-')), 'dev')));

it('makes strong keys once, readable by their owner only, and keeps them', () => {
  const first = embedded(dataDir);
  expect(Buffer.from(first.PAYLOAD_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
  expect(first.AUTH_JWT_SECRET.length).toBeGreaterThanOrEqual(48);
  expect(fs.statSync(path.join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
  expect(embedded(dataDir)).toEqual(first);
  expect(embedded(path.join(dataDir, '..', 'other'))).not.toEqual(first);
});

it('lets the environment set a key, without writing it down', () => {
  const mine = 'z'.repeat(40);
  expect(embedded(dataDir, { AUTH_JWT_SECRET: mine }).AUTH_JWT_SECRET).toBe(mine);
  expect(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).not.toContain(mine);
});

it("gives the workers the public key of the API's command signing key", () => {
  const { COMMAND_SIGNING_KEY, COMMAND_VERIFICATION_KEYS } = embedded(dataDir);
  const crypto = require('node:crypto');
  const privateKey = crypto.createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: COMMAND_SIGNING_KEY, x: COMMAND_VERIFICATION_KEYS },
    format: 'jwk',
  });
  const publicKey = crypto.createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: COMMAND_VERIFICATION_KEYS },
    format: 'jwk',
  });
  const message = Buffer.from('acknowledge HPFT-2026-000001');
  expect(crypto.verify(null, message, publicKey, crypto.sign(null, message, privateKey))).toBe(true);
  const other = embedded(path.join(dataDir, '..', 'other')).COMMAND_VERIFICATION_KEYS;
  expect(other).not.toBe(COMMAND_VERIFICATION_KEYS);
});
