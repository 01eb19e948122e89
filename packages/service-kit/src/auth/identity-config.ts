import { z } from 'zod';
import { PUBLISHED, PUBLISHED_KEYS, REQUIRED_KEY, secret } from '../config-secret';

/** Token audiences: staff-facing services share one, the partners' service and operations have their own. */
export const AUDIENCES = {
  staff: 'complaints-staff',
  partners: 'complaints-partners',
  operations: 'complaints-operations',
} as const;

// Only signatures that need the identity provider's private key: a shared secret (HS*) or `none` would
// let anyone holding the verifier's key mint tokens.
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

/** The audience a service accepts tokens for; each service defaults to its own kind's (AUDIENCES). */
export const audienceSetting = (audience: string) =>
  z
    .string()
    .min(1)
    .default(audience)
    .describe('audience this service accepts tokens for (its API registration at the identity provider)');

const seconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** How a service knows who is calling (ADR 0010). */
export const identityConfig = {
  OIDC_ISSUER: z
    .string()
    .url('must be the identity provider issuer URL')
    .optional()
    .describe(
      'OpenID Connect issuer of staff tokens (NHS CIS2, Entra ID …); its discovery document names the JWKS. Required in production',
    ),
  OIDC_JWKS_URI: z
    .string()
    .url('must be a URL')
    .optional()
    .describe("the issuer's JWKS URL, when it is not to be taken from the discovery document"),
  OIDC_ALGORITHMS: z
    .string()
    .default(ASYMMETRIC_ALGORITHMS.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((alg) => alg.trim())
        .filter(Boolean),
    )
    .refine(
      (algs) =>
        algs.length > 0 && algs.every((alg) => (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)),
      `must be asymmetric signature algorithms only (${ASYMMETRIC_ALGORITHMS.join(', ')})`,
    )
    .describe('accepted signature algorithms of identity provider tokens'),
  OIDC_SUBJECT_CLAIM: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, 'must be a claim name')
    .default('sub')
    .describe('claim naming the member of staff (Entra ID: oid); matched to staff_user.identity_subject'),
  AUTH_AUDIENCE: audienceSetting(AUDIENCES.staff),
  AUTH_TOKEN_MAX_LIFETIME_SECONDS: seconds(60, 86_400, 28_800).describe(
    'longest lifetime (exp − iat) of a token this service accepts',
  ),
  AUTH_CLOCK_TOLERANCE_SECONDS: seconds(0, 300, 30).describe('clock skew allowed on exp, nbf and iat'),
  AUTH_STAFF_CACHE_SECONDS: seconds(0, 60, 60).describe(
    'how long a staff_user row is trusted before it is read again (a disabled user or a changed role takes effect within this)',
  ),
  // The embedded set-ups only (npm start, npm test): tokens signed with a shared key by `npm run token`.
  AUTH_JWT_SECRET: secret(
    z
      .string()
      .min(32, 'must be at least 32 characters')
      .refine((v) => !PUBLISHED_KEYS.includes(v), PUBLISHED)
      .optional()
      .describe('DEVELOPMENT ONLY: HS256 key of the embedded set-up; refused in production'),
  ),
  AUTH_JWT_ISSUER: z.string().default('nhs-complaints').describe('issuer of development (HS256) tokens'),
};

export type IdentityConfig = z.infer<z.ZodObject<typeof identityConfig>> & { NODE_ENV: string };

/** What production refuses, and what every other mode needs at least. */
export function identityRules(config: Partial<IdentityConfig>): { key: string; message: string }[] {
  if (!('AUTH_AUDIENCE' in config)) return [];
  const problems: { key: string; message: string }[] = [];
  if (config.NODE_ENV === 'production') {
    if (config.AUTH_JWT_SECRET !== undefined)
      problems.push({
        key: 'AUTH_JWT_SECRET',
        message:
          'development (HS256) tokens are refused in production: unset it and sign staff in through OIDC_ISSUER',
      });
    if (!config.OIDC_ISSUER)
      problems.push({
        key: 'OIDC_ISSUER',
        message: 'is required in production (the staff identity provider)',
      });
    else if (!config.OIDC_ISSUER.startsWith('https://'))
      problems.push({ key: 'OIDC_ISSUER', message: 'must be an https:// URL in production' });
    if (config.OIDC_JWKS_URI && !config.OIDC_JWKS_URI.startsWith('https://'))
      problems.push({ key: 'OIDC_JWKS_URI', message: 'must be an https:// URL in production' });
  } else if (!config.OIDC_ISSUER && config.AUTH_JWT_SECRET === undefined) {
    problems.push({ key: 'AUTH_JWT_SECRET', message: `${REQUIRED_KEY}, unless OIDC_ISSUER is set` });
  }
  return problems;
}
