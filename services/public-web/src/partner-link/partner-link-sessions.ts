import { Injectable } from '@nestjs/common';
import type { Session } from '../session/form-sessions';

/** A redeemed link: joint-protocol's session for that one case, and the names the landing page showed. */
export interface PartnerLinkSession {
  session: string;
  expiresAt: number;
  leadName: string;
  partnerName: string;
}

/**
 * The sessions redeemed links opened, kept beside the visitor's own session (its cookie, its idle time; ADR
 * 0022) and never sent to the browser: the page's address holds only the joint case's id (ADR 0027).
 */
@Injectable()
export class PartnerLinkSessions {
  private readonly byVisitor = new WeakMap<Session, Map<string, PartnerLinkSession>>();

  keep(visitor: Session, jointCaseId: string, link: PartnerLinkSession): void {
    const links = this.byVisitor.get(visitor) ?? new Map<string, PartnerLinkSession>();
    links.set(jointCaseId, link);
    this.byVisitor.set(visitor, links);
  }

  /** The case's link session, while it lasts. */
  of(visitor: Session, jointCaseId: string): PartnerLinkSession | undefined {
    const link = this.byVisitor.get(visitor)?.get(jointCaseId);
    if (link && link.expiresAt > Date.now()) return link;
    this.drop(visitor, jointCaseId);
    return undefined;
  }

  drop(visitor: Session, jointCaseId: string): void {
    this.byVisitor.get(visitor)?.delete(jointCaseId);
  }
}
