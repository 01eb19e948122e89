// Prints a staff bearer token for a demo user: `npm run token -- handler@hpft.demo`.
import { DEMO_STAFF } from '@complaints/db';
import { signStaffToken } from '@complaints/service-kit';
import { loadComplaintsApiConfig } from '../config';

async function main(): Promise<void> {
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
  const token = await signStaffToken(
    { id: user.id, organisationCode: user.organisationCode, roles: user.roles },
    { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER },
  );
  process.stdout.write(`${token}\n`);
}

void main();
