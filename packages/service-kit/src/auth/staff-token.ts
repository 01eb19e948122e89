import { jwtVerify, SignJWT } from 'jose';
import { type StaffRole } from '@complaints/domain';

/** Who is calling: a member of staff of one organisation, with their procedure §7 roles. */
export interface StaffPrincipal {
  id: string;
  organisationCode: string;
  roles: StaffRole[];
}

export interface TokenSettings {
  secret: string;
  issuer: string;
  /** The service the token is for; staff APIs by default (the worker's codec wants `complaints-operations`). */
  audience?: string;
}

const AUDIENCE = 'complaints-staff';
const key = (secret: string) => new TextEncoder().encode(secret);

export async function signStaffToken(
  principal: StaffPrincipal,
  settings: TokenSettings,
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ org: principal.organisationCode, roles: principal.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(settings.secret));
}

/** Verifies signature, issuer, audience and expiry; throws on any failure. */
export async function verifyStaffToken(token: string, settings: TokenSettings): Promise<StaffPrincipal> {
  const { payload } = await jwtVerify(token, key(settings.secret), {
    issuer: settings.issuer,
    audience: settings.audience ?? AUDIENCE,
    algorithms: ['HS256'],
  });
  if (typeof payload.sub !== 'string' || typeof payload.org !== 'string' || !Array.isArray(payload.roles)) {
    throw new Error('token lacks subject, organisation or roles');
  }
  return { id: payload.sub, organisationCode: payload.org, roles: payload.roles as StaffRole[] };
}
