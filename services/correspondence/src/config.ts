import { z } from 'zod';
import { commonConfig, loadConfig, secret, type ConfigRule } from '@complaints/service-kit';

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
  PUBLIC_WEB_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:3004')
    .describe(
      "the public web service's address, for the experience survey's links (ADR 0023) and the progress link or code sent with the acknowledgement (ADR 0028)",
    ),
};

export type CorrespondenceConfig = ReturnType<typeof loadCorrespondenceConfig>;

// nodemailer reads options from the URL's query: these would let mail go out in clear or unverified.
const PLAINTEXT_OPTIONS = /[?&](ignoreTLS=true|requireTLS=false|tls\.rejectUnauthorized=false)(&|$)/i;

/** Letters carry personal data: production sends mail over TLS only (smtps://, or smtp:// with STARTTLS required). */
export const smtpRules: ConfigRule<{ NODE_ENV: string; SMTP_URL: string }> = (config) =>
  config.NODE_ENV === 'production' && config.SMTP_URL && PLAINTEXT_OPTIONS.test(config.SMTP_URL)
    ? [
        {
          key: 'SMTP_URL',
          message:
            'must not turn TLS off in production (ignoreTLS, requireTLS=false, tls.rejectUnauthorized=false)',
        },
      ]
    : [];

export const loadCorrespondenceConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('correspondence', configShape, env, [smtpRules]);

/** What the mailer must insist on: TLS (STARTTLS for smtp://) in production. */
export const mailerOptions = (config: CorrespondenceConfig) => ({
  requireTLS: config.NODE_ENV === 'production',
});
