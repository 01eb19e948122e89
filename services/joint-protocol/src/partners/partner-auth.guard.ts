import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { PartnerUser, redeemAccessLink } from '@complaints/db';
import {
  DATA_SOURCE,
  IS_PUBLIC,
  ProblemException,
  TOKEN_VERIFIER,
  type TokenVerifier,
} from '@complaints/service-kit';
import type { PartnerRequest } from './partner-principal';

const unauthorized = (detail: string) => new ProblemException({ status: 401, title: 'Unauthorized', detail });

/**
 * Partner sign-in (ADR 0019, like ADR 0010's staff): `Authorization: Bearer <token>` for the partners' audience
 * whose subject is an active partner_user; or `Authorization: Link <session>` from a redeemed single-use link,
 * which acts only on its one case as its one partner. Staff tokens (another audience) are refused.
 */
@Injectable()
export class PartnerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<PartnerRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() === 'link' && token) {
      const opened = await redeemAccessLink(this.dataSource.manager, token, 'partner-case');
      if (!opened.opened || opened.link.singleUse || !opened.link.partnerCode)
        throw unauthorized('this link session no longer works; open the link from your email again');
      request.partner = {
        kind: 'link',
        id: `link:${opened.link.id}`,
        partnerCode: opened.link.partnerCode,
        complaintId: opened.link.complaintId,
        linkId: opened.link.id,
      };
      request.rateLimitCaller = request.partner.id;
      return true;
    }
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw unauthorized('a partner bearer token is required (Authorization: Bearer <token>)');
    const verified = await this.verifier.verify(token).catch(() => undefined);
    if (!verified) throw unauthorized('the bearer token is invalid or has expired');
    const user = await this.dataSource.getRepository(PartnerUser).findOne({
      where:
        verified.subjectKind === 'identity-provider'
          ? { identitySubject: verified.subject }
          : { id: verified.subject },
    });
    if (!user?.active) throw unauthorized('the bearer token does not name an active partner user');
    request.partner = { kind: 'partner-user', id: user.id, partnerCode: user.partnerCode };
    request.rateLimitCaller = `partner:${user.id}`;
    return true;
  }
}
