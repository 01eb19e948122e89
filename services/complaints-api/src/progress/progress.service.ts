import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AccessLogEntry,
  CaseEvent,
  Complaint,
  Correspondence,
  accessCodeToken,
  inspectAccessLink,
  issueAccessLink,
  redeemAccessLink,
  revokeAccessLink,
  AccessLink,
  type AccessAction,
} from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import type {
  ComplainantMessageKind,
  ProgressLinkDto,
  ProgressLinkSummaryDto,
  ProgressView,
} from './progress.dto';

export const PROGRESS_SETTINGS = Symbol('PROGRESS_SETTINGS');

export interface ProgressSettings {
  /** The public web service's address, for the links (PUBLIC_WEB_URL). */
  publicWebUrl: string;
}

const SENT = ['sent', 'delivered'];
const DAY_MS = 86_400_000;

/** One answer for every refused link, whatever the reason: no oracle for someone guessing. */
const linkRefused = () =>
  new ProblemException({ status: 404, title: 'Not Found', detail: 'this link no longer works' });

/**
 * The complainant's private progress page (issue #18): staff issue and revoke the link (an access link,
 * ADR 0017, multi-use, expiring); the public web service opens it with the link's secret. Every opening is
 * in the access log, as the link (`access-link:<id>`), so a complainant's view is recorded like staff's.
 */
@Injectable()
export class ProgressService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROGRESS_SETTINGS) private readonly settings: ProgressSettings,
  ) {}

  async issue(complaint: Complaint, days: number, staff: StaffPrincipal): Promise<ProgressLinkDto> {
    if (complaint.anonymous)
      throw new ProblemException({
        status: 409,
        title: 'Conflict',
        detail: 'an anonymous complaint has nobody to send a progress link to (R-INT-4)',
        rule: 'R-INT-4',
      });
    return this.dataSource.transaction(async (manager) => {
      const issued = await issueAccessLink(manager, {
        purpose: 'complainant-progress',
        complaintId: complaint.id,
        singleUse: false,
        issuedBy: staff.id,
        expiresAt: new Date(Date.now() + days * DAY_MS),
      });
      await manager.insert(CaseEvent, {
        complaintId: complaint.id,
        occurredAt: new Date(),
        actorType: 'staff',
        actorId: staff.id,
        type: 'progress-link-issued',
        rule: null,
        data: { linkId: issued.id, expiresAt: issued.expiresAt.toISOString() },
      });
      const url = new URL(
        `/${complaint.organisationCode.toLowerCase()}/progress`,
        this.settings.publicWebUrl,
      );
      url.searchParams.set('link', issued.token);
      return { id: issued.id, link: url.toString(), expiresAt: issued.expiresAt.toISOString() };
    });
  }

  async revoke(complaint: Complaint, linkId: string, staff: StaffPrincipal): Promise<void> {
    const link = await this.dataSource
      .getRepository(AccessLink)
      .findOneBy({ id: linkId, complaintId: complaint.id, purpose: 'complainant-progress' });
    if (!link)
      throw new ProblemException({
        status: 404,
        title: 'Not Found',
        detail: 'no such progress link on this complaint',
      });
    await this.dataSource.transaction(async (manager) => {
      if (await revokeAccessLink(manager, linkId, staff.id))
        await manager.insert(CaseEvent, {
          complaintId: complaint.id,
          occurredAt: new Date(),
          actorType: 'staff',
          actorId: staff.id,
          type: 'progress-link-revoked',
          rule: null,
          data: { linkId },
        });
    });
  }

  /** The complaint's progress links, newest first, as staff see them to revoke one (ADR 0028). */
  async list(complaint: Complaint): Promise<ProgressLinkSummaryDto[]> {
    const links = await this.dataSource.getRepository(AccessLink).find({
      where: { complaintId: complaint.id, purpose: 'complainant-progress' },
      order: { issuedAt: 'DESC' },
    });
    const now = Date.now();
    return links.map((link) => ({
      id: link.id,
      issuedBy: link.issuedBy,
      issuedAt: link.issuedAt.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      usedAt: link.usedAt?.toISOString() ?? null,
      revokedAt: link.revokedAt?.toISOString() ?? null,
      live: link.revokedAt === null && link.expiresAt.getTime() > now,
    }));
  }

  /**
   * The token a code read off the acknowledgement letter stands for, with the reference beside it (ADR 0028),
   * when it would open the page now; the same refusal as a link's otherwise. The view that follows is logged.
   */
  async tokenForCode(reference: string, code: string): Promise<{ token: string }> {
    const token = accessCodeToken(reference, code);
    if (!token) throw linkRefused();
    const inspected = await inspectAccessLink(this.dataSource.manager, token, 'complainant-progress');
    if (!inspected.opened) throw linkRefused();
    return { token };
  }

  async view(token: string, requestId: string | null): Promise<ProgressView> {
    return this.dataSource.transaction(async (manager) => {
      const { complaint } = await this.open(manager, token, 'view', 'POST /public-progress/view', requestId);
      const letters = await manager.getRepository(Correspondence).find({
        where: { complaintReference: complaint.reference, audience: 'complainant' },
        order: { createdAt: 'ASC' },
      });
      return {
        reference: complaint.reference,
        organisation: complaint.organisationCode,
        kind: complaint.kind,
        anonymous: complaint.anonymous,
        stage: complaint.stage,
        receivedOn: complaint.receivedOn,
        nextDeadline: complaint.nextDeadline,
        deadlines: complaint.deadlines as Record<string, string | null | undefined>,
        closedAt: complaint.closedAt?.toISOString() ?? null,
        letters: letters
          .filter((letter) => SENT.includes(letter.status))
          .map((letter) => ({
            id: letter.id,
            subject: letter.subject,
            channel: letter.channel,
            sentAt: letter.sentAt?.toISOString() ?? null,
            printable: true,
          })),
      };
    });
  }

  /** A letter sent to the person, as its print copy (the tagged PDF stored with it). */
  async letter(token: string, letterId: string, requestId: string | null): Promise<Buffer> {
    return this.dataSource.transaction(async (manager) => {
      const { complaint } = await this.open(
        manager,
        token,
        'download',
        'POST /public-progress/letters/:id',
        requestId,
      );
      const letter = await manager
        .getRepository(Correspondence)
        .createQueryBuilder('letter')
        .addSelect('letter.pdf')
        .where('letter.id = :letterId AND letter.complaint_reference = :reference', {
          letterId,
          reference: complaint.reference,
        })
        .andWhere(`letter.audience = 'complainant' AND letter.status IN (:...sent)`, { sent: SENT })
        .getOne();
      if (!letter?.pdf)
        throw new ProblemException({ status: 404, title: 'Not Found', detail: 'no such letter' });
      return letter.pdf;
    });
  }

  /** More information, or "not satisfied" after the response: a case event on the complaint's timeline. */
  async message(
    token: string,
    kind: ComplainantMessageKind,
    text: string,
    requestId: string | null,
  ): Promise<{ reference: string }> {
    return this.dataSource.transaction(async (manager) => {
      const { complaint, linkId } = await this.open(
        manager,
        token,
        'act',
        'POST /public-progress/messages',
        requestId,
      );
      await manager.insert(CaseEvent, {
        complaintId: complaint.id,
        occurredAt: new Date(),
        actorType: 'system',
        actorId: 'public-web',
        type: kind === 'not-satisfied' ? 'complainant-not-satisfied' : 'complainant-sent-information',
        // Not satisfied after the response: the handler considers reopening (R-REOPEN-1).
        rule: kind === 'not-satisfied' ? 'R-REOPEN-1' : null,
        data: { text, via: 'progress-page', linkId },
      });
      return { reference: complaint.reference };
    });
  }

  private async open(
    manager: EntityManager,
    token: string,
    action: AccessAction,
    resource: string,
    requestId: string | null,
  ): Promise<{ complaint: Complaint; linkId: string }> {
    const redemption = await redeemAccessLink(manager, token, 'complainant-progress');
    if (!redemption.opened) throw linkRefused();
    const complaint = await manager.getRepository(Complaint).findOneBy({ id: redemption.link.complaintId });
    // A disposed case file has nothing left to show.
    if (!complaint) throw linkRefused();
    await manager.insert(AccessLogEntry, {
      staffId: `access-link:${redemption.link.id}`,
      organisationCode: complaint.organisationCode,
      complaintReference: complaint.reference,
      action,
      resource,
      outcome: 'allowed',
      basis: 'access-link',
      purpose: null,
      references: [],
      requestId,
    });
    return { complaint, linkId: redemption.link.id };
  }
}
