import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { text, type Body as FormBody } from '../form/fields';
import { HONEYPOT, PublicLimits } from '../hardening/public-limits';
import { FormSessions, type Session } from '../session/form-sessions';
import { casePage, FORMS, problemErrors, type FormName } from './case-page';
import { JointProtocolClient, LinkSessionEnded, type SharedView } from './joint-protocol.client';
import { PartnerLinkSessions, type PartnerLinkSession } from './partner-link-sessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What each form sends to joint-protocol: what the person typed, checked there (one place for the rules). */
const COMMANDS: Record<FormName, (body: FormBody) => object> = {
  contribution: (body) => ({ body: text(body, 'body'), apology: text(body, 'apology') || undefined }),
  variation: (body) => ({
    kind: text(body, 'kind') || undefined,
    reasons: text(body, 'reasons'),
    expectedOn: dateOf(body, 'expectedOn'),
  }),
  'draft-decision': (body) => ({
    version: Number(text(body, 'version')),
    decision: text(body, 'decision') || undefined,
    comments: text(body, 'comments') || undefined,
  }),
  // The page raises a disagreement with the lead, which refers it to each one's senior manager (R-JOINT-7).
  disagreement: (body) => ({ with: [text(body, 'with')], matter: text(body, 'matter') }),
  learning: (body) => ({
    learning: text(body, 'learning'),
    actionPoints: text(body, 'actionPoints')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  }),
  withdrawal: () => ({}),
};

/**
 * A partner's case page behind a redeemed single-use link (ADR 0027): the shared view exactly as joint-protocol
 * gives it to the link's session, and the forms for the partner's part. Every problem the API answers is shown
 * with the error summary; a session that no longer works sends the person back to their email.
 */
@Controller('partner-cases/:jointCaseId')
export class PartnerCaseController {
  constructor(
    private readonly sessions: FormSessions,
    private readonly links: PartnerLinkSessions,
    private readonly limits: PublicLimits,
    private readonly jointProtocol: JointProtocolClient,
  ) {}

  @Get()
  async page(
    @Param('jointCaseId') jointCaseId: string,
    @Query('sent') sent: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const visitor = this.sessions.sessionOf(request, response);
    const link = this.linkOf(visitor, jointCaseId);
    if (!link) return ended(response);
    try {
      const view = await this.jointProtocol.view(link.session, jointCaseId);
      this.render(response, visitor, link, view, { sent: sent && sent in FORMS ? sent : undefined });
    } catch (error) {
      this.endedOr(error, visitor, jointCaseId, response);
    }
  }

  @Post(':form')
  async act(
    @Param('jointCaseId') jointCaseId: string,
    @Param('form') form: string,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const visitor = this.sessions.sessionOf(request, response);
    this.sessions.checkPost(visitor, body);
    if (!(form in FORMS)) return response.status(404).render('error.njk', notFound(response));
    const link = this.linkOf(visitor, jointCaseId);
    if (!link) return ended(response);
    const name = form as FormName;
    try {
      const outcome = await this.jointProtocol.command(
        link.session,
        jointCaseId,
        FORMS[name],
        COMMANDS[name](body),
      );
      if (outcome.done) return response.redirect(303, `/partner-cases/${jointCaseId}?sent=${name}`);
      const view = await this.jointProtocol.view(link.session, jointCaseId);
      response.status(outcome.problem.status);
      const errors = problemErrors(name, outcome.problem);
      this.render(response, visitor, link, view, { errors: errors.list, values: body });
    } catch (error) {
      this.endedOr(error, visitor, jointCaseId, response);
    }
  }

  private linkOf(visitor: Session, jointCaseId: string): PartnerLinkSession | undefined {
    return UUID.test(jointCaseId) ? this.links.of(visitor, jointCaseId) : undefined;
  }

  private endedOr(error: unknown, visitor: Session, jointCaseId: string, response: Response): void {
    if (!(error instanceof LinkSessionEnded)) throw error;
    this.links.drop(visitor, jointCaseId);
    ended(response);
  }

  private render(
    response: Response,
    visitor: Session,
    link: PartnerLinkSession,
    view: SharedView,
    page: { sent?: string; errors?: { field: string; text: string; href: string }[]; values?: FormBody },
  ): void {
    const errors = page.errors ?? [];
    response.render('partner-link/case.njk', {
      ...casePage(view, link),
      sent: page.sent,
      errors,
      errorFor: Object.fromEntries(errors.map((error) => [error.field, error.text])),
      values: page.values ?? {},
      csrfToken: visitor.csrfToken,
      honeypot: HONEYPOT,
      cspNonce: response.locals.cspNonce,
    });
  }
}

/** The NHS.UK date input's three boxes as an ISO date; joint-protocol says whether it is one. */
function dateOf(body: FormBody, field: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body, `${field}[${part}]`));
  if (!day && !month && !year) return undefined;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function ended(response: Response): void {
  response.status(403).render('partner-link/ended.njk', { cspNonce: response.locals.cspNonce });
}

function notFound(response: Response) {
  return {
    page: { status: 404, title: 'Page not found', paragraphs: ['Check the web address is correct.'] },
    cspNonce: response.locals.cspNonce,
  };
}
