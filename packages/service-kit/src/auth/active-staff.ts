import type { DataSource } from 'typeorm';
import { StaffUser } from '@complaints/db';
import type { StaffPrincipal } from './staff-token';
import type { VerifiedToken } from './token-verifier';

/**
 * The active staff_user row a token names, as the caller's principal: organisation and roles are the
 * row's. Rows are trusted for at most `cacheSeconds` (≤ 60), so a disabled user or a changed role takes
 * effect within that; a subject with no active row is never cached, so enabling one works at once.
 */
export class ActiveStaff {
  private readonly cache = new Map<string, { principal: StaffPrincipal; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cacheSeconds: number,
  ) {}

  /** The principal, or undefined when no active member of staff has this subject. */
  async principalFor(
    token: Pick<VerifiedToken, 'subject' | 'subjectKind'>,
  ): Promise<StaffPrincipal | undefined> {
    const key = `${token.subjectKind}:${token.subject}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > now) return cached.principal;
    this.cache.delete(key);
    const row = await this.dataSource.getRepository(StaffUser).findOne({
      select: { id: true, organisationCode: true, roles: true, active: true },
      where:
        token.subjectKind === 'identity-provider'
          ? { identitySubject: token.subject }
          : { id: token.subject },
    });
    if (!row?.active) return undefined;
    const principal = { id: row.id, organisationCode: row.organisationCode, roles: row.roles };
    if (this.cacheSeconds > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, { principal, until: now + this.cacheSeconds * 1000 });
    }
    return principal;
  }
}
