import {
  createRemoteJWKSet,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { IdentityConfig } from './identity-config';

/** A token whose signature, issuer, audience and lifetime were checked: who it names, and by which claim. */
export interface VerifiedToken {
  /** The value of the subject claim: staff_user.identity_subject (OIDC) or staff_user.id (development). */
  subject: string;
  /** Which kind of subject it is, so it is looked up in the right column. */
  subjectKind: 'identity-provider' | 'development';
  claims: JWTPayload;
}

export interface TokenVerifier {
  /** Throws on anything but a valid token for this verifier's audience. */
  verify(token: string): Promise<VerifiedToken>;
}

export class TokenRefused extends Error {}

interface LifetimeLimits {
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
}

/** Every token has an expiry and an issue time, and lives no longer than configured. */
function checkLifetime(claims: JWTPayload, limits: LifetimeLimits): void {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || typeof iat !== 'number') throw new TokenRefused('token lacks exp or iat');
  if (exp - iat > limits.maxLifetimeSeconds) throw new TokenRefused('token lifetime is longer than allowed');
  if (iat > Date.now() / 1000 + limits.clockToleranceSeconds)
    throw new TokenRefused('token issued in the future');
}

function subjectOf(claims: JWTPayload, claim: string): string {
  const subject = claims[claim];
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 256)
    throw new TokenRefused(`token lacks the subject claim ${claim}`);
  return subject;
}

export interface OidcVerifierSettings extends LifetimeLimits {
  issuer: string;
  audience: string;
  algorithms: string[];
  subjectClaim: string;
  /** Taken from the issuer's discovery document when not given. */
  jwksUri?: string;
}

/** The JWKS URI the issuer publishes (OpenID Connect Discovery 1.0 §4), refusing a document of another issuer. */
async function discoverJwksUri(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  if (!response.ok) throw new Error(`OpenID discovery at ${url} answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error(`OpenID discovery at ${url} names another issuer`);
  if (typeof document.jwks_uri !== 'string') throw new Error(`OpenID discovery at ${url} has no jwks_uri`);
  return new URL(document.jwks_uri);
}

/**
 * Production: tokens of the organisation's OpenID Connect provider, checked against its published keys
 * (fetched on first use and when it rotates them; a failed discovery is retried on the next request).
 */
export function oidcTokenVerifier(settings: OidcVerifierSettings): TokenVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = () =>
    (keys ??= (
      settings.jwksUri ? Promise.resolve(new URL(settings.jwksUri)) : discoverJwksUri(settings.issuer)
    )
      .then((uri) => createRemoteJWKSet(uri))
      .catch((error: unknown) => {
        keys = undefined;
        throw error;
      }));
  const options: JWTVerifyOptions = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: settings.algorithms,
    clockTolerance: settings.clockToleranceSeconds,
    requiredClaims: ['exp', 'iat'],
  };
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, await keySet(), options);
      checkLifetime(payload, settings);
      return {
        subject: subjectOf(payload, settings.subjectClaim),
        subjectKind: 'identity-provider',
        claims: payload,
      };
    },
  };
}

export interface DevelopmentVerifierSettings extends LifetimeLimits {
  secret: string;
  issuer: string;
  audience: string;
}

/**
 * DEVELOPMENT ONLY (npm start, npm test): HS256 tokens signed with the embedded set-up's key by
 * `npm run token`. Configuration refuses this key in production (identityRules).
 */
export function developmentTokenVerifier(settings: DevelopmentVerifierSettings): TokenVerifier {
  const key = new TextEncoder().encode(settings.secret);
  const options: JWTVerifyOptions = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: ['HS256'],
    clockTolerance: settings.clockToleranceSeconds,
    requiredClaims: ['exp', 'iat'],
  };
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, key, options);
      checkLifetime(payload, settings);
      return { subject: subjectOf(payload, 'sub'), subjectKind: 'development', claims: payload };
    },
  };
}

/**
 * The verifier a service's configuration calls for, for its own audience or the one given (e.g. the
 * operations audience of the worker's codec endpoint). An identity provider when OIDC_ISSUER is set;
 * otherwise (never in production) the development key.
 */
export function tokenVerifierFor(config: IdentityConfig, audience = config.AUTH_AUDIENCE): TokenVerifier {
  const limits = {
    maxLifetimeSeconds: config.AUTH_TOKEN_MAX_LIFETIME_SECONDS,
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
  };
  if (config.OIDC_ISSUER)
    return oidcTokenVerifier({
      ...limits,
      issuer: config.OIDC_ISSUER,
      audience,
      algorithms: config.OIDC_ALGORITHMS,
      subjectClaim: config.OIDC_SUBJECT_CLAIM,
      jwksUri: config.OIDC_JWKS_URI,
    });
  if (config.NODE_ENV === 'production' || !config.AUTH_JWT_SECRET)
    throw new Error('development tokens are not accepted here: set OIDC_ISSUER');
  return developmentTokenVerifier({
    ...limits,
    secret: config.AUTH_JWT_SECRET,
    issuer: config.AUTH_JWT_ISSUER,
    audience,
  });
}
