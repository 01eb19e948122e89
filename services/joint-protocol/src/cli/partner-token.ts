// DEVELOPMENT ONLY. Prints a partner bearer token for a demo partner user of the embedded set-up:
// `npm run token -- --partner complaints-manager@hccacs.demo`. Production signs partners in through the
// identity provider (ADR 0019), so this refuses to run there.
import { DEMO_PARTNER_USERS } from '@complaints/db';
import { AUDIENCES, signStaffToken } from '@complaints/service-kit';
import { loadJointProtocolConfig } from '../config';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write(
      'npm run token makes development tokens and is refused in production: partners sign in through the identity provider (OIDC_ISSUER)\n',
    );
    process.exit(1);
  }
  const email = process.argv[2];
  const user = DEMO_PARTNER_USERS.find((candidate) => candidate.email === email);
  if (!user) {
    process.stderr.write(
      `usage: npm run token -- --partner <demo partner user>\ndemo partner users:\n${DEMO_PARTNER_USERS.map((u) => `  ${u.email}  (${u.partnerCode} ${u.role})`).join('\n')}\n`,
    );
    process.exit(2);
  }
  const config = loadJointProtocolConfig({
    DATABASE_URL: 'postgres://unused@localhost/unused',
    ...process.env,
  });
  if (!config.AUTH_JWT_SECRET) {
    process.stderr.write('no development key (AUTH_JWT_SECRET): run `npm start` first\n');
    process.exit(1);
  }
  // Only the subject counts: the partner_user row decides the organisation when the token is used.
  const token = await signStaffToken(
    { id: user.id },
    { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER, audience: AUDIENCES.partners },
    `${config.AUTH_TOKEN_MAX_LIFETIME_SECONDS}s`,
  );
  process.stdout.write(`${token}\n`);
}

void main();
