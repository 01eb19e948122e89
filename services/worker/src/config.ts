import { z } from 'zod';
import { AUDIENCES, audienceSetting, commonConfig, loadConfig } from '@complaints/service-kit';

export const configShape = {
  ...commonConfig,
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
};

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('worker', configShape, env);
