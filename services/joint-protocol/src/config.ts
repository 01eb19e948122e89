import { AUDIENCES, audienceSetting, commonConfig, loadConfig } from '@complaints/service-kit';

export const configShape = {
  ...commonConfig,
  AUTH_AUDIENCE: audienceSetting(AUDIENCES.partners),
  PORT: commonConfig.PORT.default(3002),
};

export type JointProtocolConfig = ReturnType<typeof loadJointProtocolConfig>;

export const loadJointProtocolConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('joint-protocol', configShape, env);
