// DEVELOPMENT ONLY. Prints a staff bearer token for a demo user of the embedded set-up:
// `npm run token -- handler@hpft.demo`. Production signs staff in through its identity provider, so this
// refuses to run there (and the production image does not ship it).
import { DEMO_STAFF } from '@complaints/db';
import { signStaffToken } from '@complaints/service-kit';
import { loadComplaintsApiConfig } from '../config';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write(
      'npm run token makes development tokens and is refused in production: staff sign in through the identity provider (OIDC_ISSUER)\n',
    );
    process.exit(1);
  }
  const email = process.argv[2];
  const user = DEMO_STAFF.find((candidate) => candidate.email === email);
  if (!user) {
    process.stderr.write(
      `usage: npm run token -- <demo user>\ndemo users:\n${DEMO_STAFF.map((u) => `  ${u.email}  (${u.roles.join(', ')})`).join('\n')}\n`,
    );
    process.exit(2);
  }
  const config = loadComplaintsApiConfig({
    DATABASE_URL: 'postgres://unused@localhost/unused',
    ...process.env,
  });
  if (!config.AUTH_JWT_SECRET) {
    process.stderr.write('no development key (AUTH_JWT_SECRET): run `npm start` first\n');
    process.exit(1);
  }
  // The longest lifetime the services accept; the token works for complaints-api and correspondence.
  const token = await signStaffToken(
    user,
    { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER },
    `${config.AUTH_TOKEN_MAX_LIFETIME_SECONDS}s`,
  );
  process.stdout.write(`${token}\n`);
}

void main();
