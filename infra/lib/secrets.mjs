// The keys of an embedded set-up: made for it on first use and kept beside its data (mode 0600), never
// a default in the source. A key in the environment wins (that is how production and compose set them).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MAKERS = {
  AUTH_JWT_SECRET: () => crypto.randomBytes(48).toString('base64url'),
  PAYLOAD_ENCRYPTION_KEY: () => crypto.randomBytes(32).toString('base64'),
};

export function secretsPath(dataDir) {
  return path.join(dataDir, 'secrets.json');
}

/** The mode's keys, created under its data directory the first time; the environment's win. */
export function embeddedSecrets(dataDir) {
  const own = kept(dataDir, MAKERS);
  return Object.fromEntries(Object.keys(MAKERS).map((name) => [name, process.env[name] ?? own[name]]));
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
