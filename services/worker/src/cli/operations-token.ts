// Prints an operations bearer token for the worker's codec, for a development set-up without an OpenID
// Connect provider: `npm run token -- --operations [name]`. Production tokens come from the provider.
import { signStaffToken } from '@complaints/service-kit';
import { OPERATIONS_AUDIENCE } from '../codec/operations-token.guard';

async function main(): Promise<void> {
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret) {
    process.stderr.write(
      'AUTH_JWT_SECRET is not set: run `npm start` first (it makes one under .data/dev)\n',
    );
    process.exit(2);
  }
  const token = await signStaffToken(
    { id: process.argv[2] ?? 'operations', organisationCode: 'OPERATIONS', roles: [] },
    { secret, issuer: process.env.AUTH_JWT_ISSUER ?? 'nhs-complaints', audience: OPERATIONS_AUDIENCE },
    '1h',
  );
  process.stdout.write(`${token}\n`);
}

void main();
