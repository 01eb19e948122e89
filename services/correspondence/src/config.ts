import { z } from 'zod';
import { commonConfig, loadConfig, secret } from '@complaints/service-kit';

export const configShape = {
  ...commonConfig,
  PORT: commonConfig.PORT.default(3001),
  SMTP_URL: secret(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .default('smtp://127.0.0.1:1025')
      .describe('SMTP server for outgoing email (may carry credentials)'),
  ),
  MAIL_FROM: z
    .string()
    .min(3)
    .default('"NHS complaints" <complaints@localhost>')
    .describe('sender where an organisation has no complaints email address'),
  MESSAGE_ID_DOMAIN: z
    .string()
    .min(1)
    .default('complaints.localhost')
    .describe('domain part of the stable Message-IDs'),
};

export type CorrespondenceConfig = ReturnType<typeof loadCorrespondenceConfig>;

export const loadCorrespondenceConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('correspondence', configShape, env);
