import { commonConfig, loadConfig } from '@complaints/service-kit';

export const configShape = {
  ...commonConfig,
  PORT: commonConfig.PORT.default(3001),
};

export type CorrespondenceConfig = ReturnType<typeof loadCorrespondenceConfig>;

export const loadCorrespondenceConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig('correspondence', configShape, env);
