import { SignJWT } from 'jose';
import { type StaffRole } from '@complaints/domain';
import { AUDIENCES } from './identity-config';

/**
 * Who is calling: an active member of staff of one organisation, with their procedure §7 roles — read
 * from their staff_user row, never from the token's claims.
 */
export interface StaffPrincipal {
  id: string;
  organisationCode: string;
  roles: StaffRole[];
}

/** DEVELOPMENT ONLY: the embedded set-up's key and issuer (and the audience, staff-facing by default). */
export interface TokenSettings {
  secret: string;
  issuer: string;
  audience?: string;
}

/**
 * DEVELOPMENT ONLY: a token for a staff_user row (its id is the subject), as `npm run token` and the tests
 * make them. Only the subject counts: organisation and roles come from the row when the token is used.
 */
export async function signStaffToken(
  principal: Pick<StaffPrincipal, 'id'> & Partial<StaffPrincipal>,
  settings: TokenSettings,
  expiresIn: string | number = '1h',
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.id)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience ?? AUDIENCES.staff)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}
