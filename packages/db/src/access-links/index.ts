import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccessLinkPurpose } from '@complaints/domain';
import { AccessLink } from '../entities/access-link.entity';

/**
 * Access links (ADR 0017): the one way to issue and check a secret link for someone with no account. The token
 * goes into the link and is never stored; the table keeps its SHA-256, so a copy of the database opens nothing.
 */

export interface AccessLinkRequest {
  purpose: AccessLinkPurpose;
  complaintId: string;
  /** Required for, and only for, a partner's link. */
  partnerCode?: string | null;
  singleUse: boolean;
  /** Staff id, or the process (e.g. `joint-response`) that issued it. */
  issuedBy: string;
  expiresAt: Date;
}

export interface IssuedAccessLink {
  id: string;
  /** Put this in the URL; it cannot be recovered later. */
  token: string;
  expiresAt: Date;
}

/** Why a link opens nothing; the holder is told only that the link no longer works (no oracle for guessing). */
export type AccessLinkRefusal = 'unknown' | 'expired' | 'used' | 'revoked';

export type AccessLinkRedemption =
  { opened: true; link: AccessLink } | { opened: false; reason: AccessLinkRefusal; linkId?: string };

const TOKEN_BYTES = 32;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

export async function issueAccessLink(
  manager: EntityManager,
  request: AccessLinkRequest,
): Promise<IssuedAccessLink> {
  return insertAccessLink(manager, request, randomBytes(TOKEN_BYTES).toString('base64url'));
}

async function insertAccessLink(
  manager: EntityManager,
  request: AccessLinkRequest,
  token: string,
): Promise<IssuedAccessLink> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(AccessLink)
    .values({
      tokenHash: hashOf(token),
      purpose: request.purpose,
      complaintId: request.complaintId,
      partnerCode: request.partnerCode ?? null,
      singleUse: request.singleUse,
      issuedBy: request.issuedBy,
      expiresAt: request.expiresAt,
    })
    .returning(['id'])
    .execute();
  return { id: (inserted.raw as { id: string }[])[0].id, token, expiresAt: request.expiresAt };
}

/**
 * Opens the link for its purpose, atomically: two redemptions of a single-use link at once open it once.
 * A multi-use link records its first use and stays open until it expires or is revoked.
 */
export async function redeemAccessLink(
  manager: EntityManager,
  token: string,
  purpose: AccessLinkPurpose,
): Promise<AccessLinkRedemption> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { opened: false, reason: 'unknown' };
  const hash = hashOf(token);
  const [opened] = (
    await manager.query(
      `UPDATE access_link SET used_at = coalesce(used_at, now())
       WHERE token_hash = $1 AND purpose = $2 AND revoked_at IS NULL AND expires_at > now()
         AND (NOT single_use OR used_at IS NULL)
       RETURNING id`,
      [hash, purpose],
    )
  )[0] as { id: string }[];
  if (opened) {
    const link = await manager.getRepository(AccessLink).findOneByOrFail({ id: opened.id });
    return { opened: true, link };
  }
  const [refused] = (await manager.query(
    `SELECT id, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired, used_at IS NOT NULL AS used
     FROM access_link WHERE token_hash = $1 AND purpose = $2`,
    [hash, purpose],
  )) as { id: string; revoked: boolean; expired: boolean; used: boolean }[];
  if (!refused) return { opened: false, reason: 'unknown' };
  const reason: AccessLinkRefusal = refused.revoked ? 'revoked' : refused.expired ? 'expired' : 'used';
  return { opened: false, reason, linkId: refused.id };
}

/**
 * Whether the link would open for its purpose, without spending or marking it (a page that only shows what the
 * link is for, which mail scanners may fetch). The same refusals as redeeming it.
 */
export async function inspectAccessLink(
  manager: EntityManager,
  token: string,
  purpose: AccessLinkPurpose,
): Promise<AccessLinkRedemption> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { opened: false, reason: 'unknown' };
  // The database's clock, as redeeming uses.
  const [found] = (await manager.query(
    `SELECT id, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired,
       single_use AND used_at IS NOT NULL AS used
     FROM access_link WHERE token_hash = $1 AND purpose = $2`,
    [hashOf(token), purpose],
  )) as { id: string; revoked: boolean; expired: boolean; used: boolean }[];
  if (!found) return { opened: false, reason: 'unknown' };
  if (found.revoked || found.expired || found.used) {
    const reason: AccessLinkRefusal = found.revoked ? 'revoked' : found.expired ? 'expired' : 'used';
    return { opened: false, reason, linkId: found.id };
  }
  return { opened: true, link: await manager.getRepository(AccessLink).findOneByOrFail({ id: found.id }) };
}

/** Revokes a link that has not yet been revoked; false when there was nothing to revoke. */
export async function revokeAccessLink(
  manager: EntityManager,
  id: string,
  revokedBy: string,
): Promise<boolean> {
  const result = await manager.query(
    `UPDATE access_link SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
    [id, revokedBy],
  );
  return (result[0] as unknown[]).length > 0;
}

// --- Access codes (ADR 0028) -----------------------------------------------------------------------------

/** Crockford's base 32: no I, L, O or U, so a code read off paper is not mistyped as another. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12 characters of 32: 60 bits, printed in groups of four. */
const CODE_LENGTH = 12;

export interface IssuedAccessCode {
  id: string;
  /** Print this (with the site's address) on the letter; it cannot be recovered later. */
  code: string;
  expiresAt: Date;
}

/** The code as typed, in its one form: capitals, without spaces or hyphens, O read as 0 and I or L as 1. */
export function normaliseAccessCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * The token an access code stands for: a hash of the code with the complaint's reference, so the code opens
 * nothing without the reference, and the table's SHA-256 of this token cannot be matched from the code alone.
 * Null for something that cannot be a code.
 */
export function accessCodeToken(reference: string, typed: string): string | null {
  const code = normaliseAccessCode(typed);
  if (code.length !== CODE_LENGTH || [...code].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return createHash('sha256')
    .update(`access-code:${reference.trim().toUpperCase()}:${code}`, 'utf8')
    .digest('base64url');
}

/**
 * A short code for the printed page, standing for an access link of the complaint with this reference: it is
 * checked, expired, revoked and logged as the link is (redeem or inspect `accessCodeToken(reference, code)`).
 */
export async function issueAccessCode(
  manager: EntityManager,
  request: AccessLinkRequest & { reference: string },
): Promise<IssuedAccessCode> {
  const bytes = randomBytes(CODE_LENGTH);
  const code = [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('');
  const { reference, ...link } = request;
  const issued = await insertAccessLink(manager, link, accessCodeToken(reference, code)!);
  return { id: issued.id, code: code.match(/.{4}/g)!.join('-'), expiresAt: issued.expiresAt };
}

/**
 * Revokes the complaint's live links that this issuer gave for this purpose: before it issues another, so that
 * one issuer keeps one working link per complaint however often it is retried. Returns the ids revoked.
 */
export async function revokeLiveAccessLinks(
  manager: EntityManager,
  filter: { complaintId: string; purpose: AccessLinkPurpose; issuedBy: string },
  revokedBy: string,
): Promise<string[]> {
  const [rows] = (await manager.query(
    `UPDATE access_link SET revoked_at = now(), revoked_by = $4
     WHERE complaint_id = $1 AND purpose = $2 AND issued_by = $3 AND revoked_at IS NULL AND expires_at > now()
     RETURNING id`,
    [filter.complaintId, filter.purpose, filter.issuedBy, revokedBy],
  )) as [{ id: string }[], number];
  return rows.map((row) => row.id);
}
