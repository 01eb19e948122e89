import { z } from 'zod';
import {
  AUDIENCES,
  audienceSetting,
  commonConfig,
  loadConfig,
  secret,
  workflowSandboxConfig,
} from '@complaints/service-kit';
import { parseCommandVerificationKeys } from '@complaints/temporal';

export const configShape = {
  ...commonConfig,
  ...workflowSandboxConfig,
  AUTH_AUDIENCE: audienceSetting(AUDIENCES.partners),
  PORT: commonConfig.PORT.default(3002),
  COMMAND_SIGNING_KEY: secret(
    z
      .string()
      .refine(
        (value) => /^[\w-]{43}$/.test(value),
        'must be an Ed25519 private key: 32 bytes, base64url (43 characters)',
      )
      .optional()
      .describe(
        "the key partners' commands to the jointResponse workflow are signed with (ADR 0012, ADR 0019)",
      ),
  ),
  COMMAND_VERIFICATION_KEYS: z
    .string()
    .optional()
    .refine((value) => {
      if (value === undefined) return true;
      try {
        return Object.keys(parseCommandVerificationKeys(value)).length > 0;
      } catch {
        return false;
      }
    }, 'must be one or more Ed25519 public keys (32 bytes, base64url), comma-separated')
    .describe(
      "the public keys the jointResponse workflow trusts: the complaints API's and this service's; without them no worker runs here",
    ),
  SMTP_URL: secret(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .default('smtp://127.0.0.1:1025')
      .describe("where partners' notices are sent"),
  ),
  MAIL_FROM: z.string().min(3).default('"NHS complaints" <complaints@localhost>'),
  MESSAGE_ID_DOMAIN: z.string().min(1).default('complaints.localhost'),
  PARTNER_SERVICE_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:3002')
    .describe('the address partners on the system reach this service at (in their notices)'),
  PARTNER_LINK_URL: z
    .string()
    .url()
    .default('http://127.0.0.1:3004')
    .describe(
      "where the single-use links for partners not on the system point: the public web service's partner pages (ADR 0027)",
    ),
};

export type JointProtocolConfig = ReturnType<typeof loadJointProtocolConfig>;

export const loadJointProtocolConfig = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig('joint-protocol', configShape, env);
