import { z } from 'zod';
import { commonConfig, loadConfig, secret } from '@complaints/service-kit';

const perWindow = (fallback: number, what: string) =>
  z.coerce.number().int().min(1).max(100_000).default(fallback).describe(what);

/** The public web service: no staff sign-in, no Temporal; its database role reads organisations only. */
export const configShape = {
  NODE_ENV: commonConfig.NODE_ENV,
  HOST: commonConfig.HOST,
  LOG_LEVEL: commonConfig.LOG_LEVEL,
  DATABASE_URL: commonConfig.DATABASE_URL,
  PORT: commonConfig.PORT.default(3004),
  COMPLAINTS_API_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:3000')
    .describe('the complaints API, whose intake takes the submissions (ADR 0022)'),
  JOINT_PROTOCOL_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:3002')
    .describe('the joint-protocol service, whose single-use links the partner pages open (ADR 0027)'),
  PUBLIC_INTAKE_KEY: secret(
    z
      .string({
        required_error: 'is required (npm start and npm test make one under .data/; production sets its own)',
      })
      .min(32, 'must be at least 32 characters')
      .describe('key this service signs its submissions to the complaints API with (ADR 0022)'),
  ),
  PUBLIC_PAGES_PER_MINUTE: perWindow(120, 'pages one address may request per minute'),
  PUBLIC_SUBMISSIONS_PER_HOUR: perWindow(10, 'forms one address may send per hour, per organisation'),
  PUBLIC_ORGANISATION_SUBMISSIONS_PER_HOUR: perWindow(
    500,
    'forms one organisation may receive per hour from everyone together',
  ),
  PUBLIC_CODE_ATTEMPTS_PER_HOUR: perWindow(
    10,
    'progress codes one address may try per hour, and that may be tried for one reference from everyone (ADR 0028)',
  ),
  PUBLIC_SESSION_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60)
    .describe('minutes an unfinished form is kept after its last page'),
};

export type PublicWebConfig = ReturnType<typeof loadPublicWebConfig>;

export const loadPublicWebConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('public-web', configShape, env);
