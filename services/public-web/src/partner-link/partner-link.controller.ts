import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Body as FormBody } from '../form/fields';
import { HONEYPOT, PublicLimits } from '../hardening/public-limits';
import { FormSessions } from '../session/form-sessions';
import { longDateTime } from './case-page';
import { JointProtocolClient } from './joint-protocol.client';
import { PartnerLinkSessions } from './partner-link-sessions';

/**
 * The page a partner's single-use link lands on (ADR 0027). Opening it spends nothing, because mail scanners
 * fetch links: it says who asks and offers "Continue", whose POST spends the link at joint-protocol and keeps
 * the session it opens on the server, then leaves the link's address for the case page.
 */
@Controller('partner-links')
export class PartnerLinkController {
  constructor(
    private readonly sessions: FormSessions,
    private readonly links: PartnerLinkSessions,
    private readonly limits: PublicLimits,
    private readonly jointProtocol: JointProtocolClient,
  ) {}

  @Get(':token')
  async landing(@Param('token') token: string, @Req() request: Request, @Res() response: Response) {
    this.limits.page(request, response);
    const visitor = this.sessions.sessionOf(request, response);
    const purpose = await this.jointProtocol.inspect(token);
    if (!purpose) return gone(response);
    response.render('partner-link/landing.njk', {
      purpose,
      expiresAt: longDateTime(purpose.expiresAt),
      csrfToken: visitor.csrfToken,
      honeypot: HONEYPOT,
      cspNonce: response.locals.cspNonce,
    });
  }

  @Post(':token')
  async redeem(
    @Param('token') token: string,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const visitor = this.sessions.sessionOf(request, response);
    this.sessions.checkPost(visitor, body);
    // The names first: once spent, the link says nothing more.
    const purpose = await this.jointProtocol.inspect(token);
    const opened = purpose ? await this.jointProtocol.redeem(token) : null;
    if (!purpose || !opened?.jointCaseId) return gone(response);
    this.links.keep(visitor, opened.jointCaseId, {
      session: opened.session,
      expiresAt: new Date(opened.expiresAt).getTime(),
      leadName: purpose.leadName,
      partnerName: purpose.partnerName,
    });
    response.redirect(303, `/partner-cases/${opened.jointCaseId}`);
  }
}

/** Used, expired or withdrawn: a plain page, and nothing changed. */
function gone(response: Response): void {
  response.status(410).render('partner-link/gone.njk', { cspNonce: response.locals.cspNonce });
}
