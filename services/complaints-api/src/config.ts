import { commonConfig, loadConfig } from '@complaints/service-kit';

export const configShape = {
  ...commonConfig,
  PORT: commonConfig.PORT.default(3000),
};

export type ComplaintsApiConfig = ReturnType<typeof loadComplaintsApiConfig>;

export const loadComplaintsApiConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig('complaints-api', configShape, env);
