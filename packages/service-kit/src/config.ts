import { z } from 'zod';

const secretKeys = new WeakSet<z.ZodTypeAny>();

/** Marks a configuration value as a secret: never printed, not in error messages. */
export function secret<T extends z.ZodTypeAny>(schema: T): T {
  secretKeys.add(schema);
  return schema;
}

/** A secret stays one when wrapped later (`.optional()`, `.default()`, `.refine()`…). */
function isSecret(schema: z.ZodTypeAny | undefined): boolean {
  for (let current: z.ZodTypeAny | undefined = schema; current;) {
    if (secretKeys.has(current)) return true;
    const def = current._def as { innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny };
    current = def.innerType ?? def.schema;
  }
  return false;
}

export class ConfigError extends Error {}

/**
 * Reads environment variables through a zod schema whose keys are the variable names; every value is
 * typed, defaulted and described. A bad value fails fast with one line per problem (secrets not echoed).
 */
export function loadConfig<T extends z.ZodRawShape>(
  service: string,
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    const field = shape[key];
    const shown = field && !isSecret(field) && env[key] !== undefined ? ` (got "${env[key]}")` : '';
    const description = field?.description ? ` — ${field.description}` : '';
    return `  ${key}: ${issue.message}${shown}${description}`;
  });
  throw new ConfigError(`${service}: invalid configuration\n${lines.join('\n')}`);
}

const REQUIRED_KEY = 'is required (npm start and npm test make one under .data/; production sets its own)';
// Keys that were once defaults in this repository's source, so anyone can sign or decrypt with them.
const PUBLISHED_KEYS = [
  'development-only-secret-change-me-in-production',
  'ZGV2ZWxvcG1lbnQtb25seS1wYXlsb2FkLWtleS0zMiE=',
];
const PUBLISHED = 'is a key published in the source code: set a key of your own';

/** Settings every service has. */
export const commonConfig = {
  PORT: z.coerce.number().int().min(1).max(65535).describe('HTTP port of this service'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('minimum log level'),
  DATABASE_URL: secret(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL')
      .describe('Postgres connection URL (postgres://user:password@host:port/db)'),
  ),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233').describe('Temporal frontend host:port'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('Temporal namespace'),
  // mTLS to the Temporal frontend (production, compose): all three files, or none (the embedded dev server).
  TEMPORAL_TLS_CA: z
    .string()
    .min(1)
    .optional()
    .describe('PEM file of the CA that signed the Temporal frontend'),
  TEMPORAL_TLS_CERT: z.string().min(1).optional().describe("PEM file of this service's client certificate"),
  TEMPORAL_TLS_KEY: z.string().min(1).optional().describe("PEM file of this service's client key"),
  TEMPORAL_TLS_SERVER_NAME: z
    .string()
    .min(1)
    .optional()
    .describe("the frontend certificate's name, when it differs from TEMPORAL_ADDRESS's host"),
  // No key has a default: the embedded set-ups make their own under .data/ (infra/lib/secrets.mjs).
  PAYLOAD_ENCRYPTION_KEY: secret(
    z
      .string({ required_error: REQUIRED_KEY })
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
      .refine((v) => !PUBLISHED_KEYS.includes(v), PUBLISHED)
      .describe('key encrypting Temporal payloads (base64 of 32 bytes)'),
  ),
  AUTH_JWT_SECRET: secret(
    z
      .string({ required_error: REQUIRED_KEY })
      .min(32, 'must be at least 32 characters')
      .refine((v) => !PUBLISHED_KEYS.includes(v), PUBLISHED)
      .describe('HS256 key verifying staff bearer tokens'),
  ),
  AUTH_JWT_ISSUER: z.string().default('nhs-complaints').describe('expected issuer of staff tokens'),
};
