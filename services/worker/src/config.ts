import { z } from 'zod';
import {
  AUDIENCES,
  audienceSetting,
  commonConfig,
  loadConfig,
  workflowSandboxConfig,
} from '@complaints/service-kit';
import { parseCommandVerificationKeys } from '@complaints/temporal';

export const configShape = {
  ...commonConfig,
  ...workflowSandboxConfig,
  AUTH_AUDIENCE: audienceSetting(AUDIENCES.operations),
  PORT: commonConfig.PORT.default(3003),
  CODEC_CORS_ORIGINS: z
    .string()
    .default('http://127.0.0.1:8233,http://localhost:8233')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .describe('comma-separated origins of the Temporal Web UI allowed to call the codec server'),
  COMMAND_VERIFICATION_KEYS: z
    .string({
      required_error: 'is required (npm start and npm test make one under .data/; production sets its own)',
    })
    .refine((value) => {
      try {
        return Object.keys(parseCommandVerificationKeys(value)).length > 0;
      } catch {
        return false;
      }
    }, 'must be one or more Ed25519 public keys (32 bytes, base64url), comma-separated')
    .describe("the complaints API's command signing public keys the workflows trust (ADR 0012)"),
  DAILY_SCHEDULES: z
    .enum(['on', 'off'])
    .default('on')
    .describe(
      "the retention and theme reviews' Schedules; 'off' only on a server without Schedules (the time-skipping server of the deadline storm benchmark)",
    ),
};

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('worker', configShape, env);
