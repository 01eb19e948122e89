import { z } from 'zod';
import { commonConfig, loadConfig } from '@complaints/service-kit';

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
  REPORT_SUPPRESSION_THRESHOLD: z.coerce
    .number()
    .int()
    .min(2)
    .default(5)
    .describe('reports withhold counts from 1 to this number − 1, so no one can be singled out (ADR 0014)'),
};

export type ComplaintsApiConfig = ReturnType<typeof loadComplaintsApiConfig>;

export const loadComplaintsApiConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('complaints-api', configShape, env);
