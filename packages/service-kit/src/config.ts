import { z } from 'zod';
import { isSecret, PUBLISHED, PUBLISHED_KEYS, REQUIRED_KEY, secret } from './config-secret';
import { identityConfig, identityRules } from './auth/identity-config';
import { rateLimitConfig } from './hardening/rate-limit-config';

export { secret, PUBLISHED_KEYS };

export class ConfigError extends Error {}

/** A check across several values (e.g. what production refuses): the key it concerns and why. */
export type ConfigRule<C> = (config: C) => { key: string; message: string }[];

/**
 * Reads environment variables through a zod schema whose keys are the variable names; every value is
 * typed, defaulted and described. A bad value fails fast with one line per problem (secrets not echoed).
 * The identity rules (`identityRules`) apply to every configuration that has the identity settings.
 */
export function loadConfig<T extends z.ZodRawShape>(
  service: string,
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
  rules: ConfigRule<z.infer<z.ZodObject<T>>>[] = [],
): z.infer<z.ZodObject<T>> {
  const describe = (key: string) => (shape[key]?.description ? ` — ${shape[key].description}` : '');
  const result = z.object(shape).safeParse(env);
  const lines = (result.success ? [] : result.error.issues).map((issue) => {
    const key = String(issue.path[0]);
    const field = shape[key];
    const shown = field && !isSecret(field) && env[key] !== undefined ? ` (got "${env[key]}")` : '';
    return { key, line: `  ${key}: ${issue.message}${shown}${describe(key)}` };
  });
  // The rules see every value that is valid on its own, so one run reports every problem.
  const valid = Object.fromEntries(
    Object.entries(shape).flatMap(([key, field]) => {
      const parsed = field.safeParse(env[key]);
      return parsed.success ? [[key, parsed.data]] : [];
    }),
  ) as z.infer<z.ZodObject<T>>;
  for (const rule of [identityRules as ConfigRule<typeof valid>, ...rules])
    for (const { key, message } of rule(valid))
      if (!lines.some((line) => line.key === key))
        lines.push({ key, line: `  ${key}: ${message}${describe(key)}` });
  if (result.success && lines.length === 0) return result.data;
  throw new ConfigError(`${service}: invalid configuration\n${lines.map(({ line }) => line).join('\n')}`);
}

/** Settings every service has. */
export const commonConfig = {
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('production refuses development sign-in, plaintext SMTP and public API docs'),
  HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('address to listen on: loopback by default; 0.0.0.0 (or an interface) in production'),
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
  ...identityConfig,
  ...rateLimitConfig,
};
