import { z } from 'zod';
import { commonConfig, loadConfig, secret } from '@complaints/service-kit';

export const configShape = {
  ...commonConfig,
  PORT: commonConfig.PORT.default(3000),
  OUTBOX_RELAY_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(5000)
    .describe('how often the outbox relay looks for complaints without a workflow'),
  OUTBOX_RELAY_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(3000)
    .describe('age below which a complaint is left to the request starting it'),
  // An Update waits for the workflow to take the command; without a deadline a request would wait as
  // long as the workers take, so a stalled cluster answers 503 instead of holding the connection (ADR 0026).
  COMMAND_DEADLINE_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(30_000)
    .describe(
      "how long a staff command waits for the complaint's process before answering 503 (Retry-After)",
    ),
  COMMAND_SIGNING_KEY: secret(
    z
      .string({
        required_error: 'is required (npm start and npm test make one under .data/; production sets its own)',
      })
      .refine(
        (value) => /^[\w-]{43}$/.test(value),
        'must be an Ed25519 private key: 32 bytes, base64url (43 characters)',
      )
      .describe('the key every staff command sent to a workflow is signed with (ADR 0012)'),
  ),
  PUBLIC_INTAKE_KEY: secret(
    z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .describe(
        'key the public web service signs its submissions with (ADR 0022); without it POST /public-intake/complaints does not exist',
      ),
  ),
  PUBLIC_WEB_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:3004')
    .describe("the public web service's address, for the complainant's progress links (ADR 0022)"),
  REPORT_SUPPRESSION_THRESHOLD: z.coerce
    .number()
    .int()
    .min(2)
    .default(5)
    .describe('reports withhold counts from 1 to this number − 1, so no one can be singled out (ADR 0016)'),
};

export type ComplaintsApiConfig = ReturnType<typeof loadComplaintsApiConfig>;

export const loadComplaintsApiConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('complaints-api', configShape, env);
