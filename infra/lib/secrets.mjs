// The keys of an embedded set-up: made for it on first use and kept beside its data (mode 0600), never
// a default in the source. A key in the environment wins (that is how production and compose set them).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MAKERS = {
  AUTH_JWT_SECRET: () => crypto.randomBytes(48).toString('base64url'),
  PAYLOAD_ENCRYPTION_KEY: () => crypto.randomBytes(32).toString('base64'),
  // The complaints API's Ed25519 key signing staff commands (ADR 0012): 32 bytes, base64url.
  // The key the public web service signs its submissions to the complaints API's intake with (ADR 0022).
  PUBLIC_INTAKE_KEY: () => crypto.randomBytes(32).toString('base64url'),
  // An Ed25519 private key is any 32 random bytes. Not generateKeyPairSync and a JWK export: on Node 20 a
  // garbage collection during the export can deadlock the process (a fuzz run hung that way).
  COMMAND_SIGNING_KEY: () => crypto.randomBytes(32).toString('base64url'),
  // The joint-protocol service's own key for partners' commands to the jointResponse workflow (ADR 0019).
  PARTNER_COMMAND_SIGNING_KEY: () => crypto.randomBytes(32).toString('base64url'),
};

// An Ed25519 private key in PKCS#8 is this prefix and the 32 bytes.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The workers' public key (COMMAND_VERIFICATION_KEYS) of a command signing key. */
export function commandVerificationKey(signingKey) {
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(signingKey, 'base64url')]),
    format: 'der',
    type: 'pkcs8',
  });
  // The raw public key is the last 32 bytes of its SubjectPublicKeyInfo.
  return crypto
    .createPublicKey(privateKey)
    .export({ type: 'spki', format: 'der' })
    .subarray(-32)
    .toString('base64url');
}

export function secretsPath(dataDir) {
  return path.join(dataDir, 'secrets.json');
}

/** The mode's keys, created under its data directory the first time; the environment's win. */
export function embeddedSecrets(dataDir) {
  const own = kept(dataDir, MAKERS);
  const secrets = Object.fromEntries(
    Object.keys(MAKERS).map((name) => [name, process.env[name] ?? own[name]]),
  );
  secrets.COMMAND_VERIFICATION_KEYS =
    process.env.COMMAND_VERIFICATION_KEYS ?? commandVerificationKey(secrets.COMMAND_SIGNING_KEY);
  // The jointResponse workflow trusts the complaints API's commands and the partners' (ADR 0019).
  secrets.JOINT_COMMAND_VERIFICATION_KEYS =
    process.env.JOINT_COMMAND_VERIFICATION_KEYS ??
    `${secrets.COMMAND_VERIFICATION_KEYS},${commandVerificationKey(secrets.PARTNER_COMMAND_SIGNING_KEY)}`;
  return secrets;
}

/** The embedded Postgres's login passwords (database-roles.mjs), one per role, kept like the keys. */
export function embeddedDatabasePasswords(dataDir, roles) {
  const name = 'DATABASE_PASSWORDS';
  const own = kept(dataDir, { [name]: () => ({}) });
  const missing = roles.filter((role) => own[name][role] === undefined);
  if (missing.length === 0) return own[name];
  for (const role of missing) own[name][role] = crypto.randomBytes(24).toString('base64url');
  write(dataDir, own);
  return own[name];
}

function kept(dataDir, makers) {
  const file = secretsPath(dataDir);
  const own = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const made = Object.keys(makers).filter((name) => own[name] === undefined);
  for (const name of made) own[name] = makers[name]();
  if (made.length > 0) write(dataDir, own);
  return own;
}

function write(dataDir, own) {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(secretsPath(dataDir), `${JSON.stringify(own, null, 2)}\n`, { mode: 0o600 });
}
