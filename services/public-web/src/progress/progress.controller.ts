import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STAGES, type Stage } from '@complaints/domain';
import { longDate } from '../form/dates';
import { PageErrors, referenceAndCode, text, type Body as FormBody } from '../form/fields';
import { HONEYPOT, PublicLimits } from '../hardening/public-limits';
import { ComplaintsApiClient } from '../intake/complaints-api.client';
import { FormSessions } from '../session/form-sessions';
import { OrganisationSites, type OrganisationSite } from '../site/organisation-sites';
import { AFTER_RESPONSE, STAGE_WORDS } from './stage-words';

const MESSAGE_LIMIT = 10_000;

/**
 * The person's private progress page, opened by the link emailed to them (`?link=`, an access link, ADR 0017):
 * the link's secret is moved into their session at once, so it leaves the address bar, the history and the
 * request log (which never records query strings). Or, from a letter, by their reference and the code printed
 * on it (ADR 0028), entered on this page's form, which then keeps the code's token in the session likewise.
 * Every view is recorded in the access log by the API.
 */
@Controller(':organisation/progress')
export class ProgressController {
  constructor(
    private readonly sites: OrganisationSites,
    private readonly sessions: FormSessions,
    private readonly limits: PublicLimits,
    private readonly api: ComplaintsApiClient,
  ) {}

  @Get()
  async page(
    @Param('organisation') slug: string,
    @Query('link') link: string | undefined,
    @Query('sent') sent: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    if (link) {
      session.progressLinks.set(site.code, link);
      return response.redirect(303, `/${site.slug}/progress`);
    }
    const token = session.progressLinks.get(site.code);
    if (!token) return this.codeForm(response, site, session.csrfToken, new PageErrors(), {});
    const view = await this.api.progress(token);
    if (!view || view.organisation !== site.code) return this.refused(response, site);
    this.render(response, site, session.csrfToken, view, sent, new PageErrors(), {});
  }

  /** The form for the reference and code from the letter, also when a link kept in the session has stopped working. */
  @Get('code')
  async code(@Param('organisation') slug: string, @Req() request: Request, @Res() response: Response) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    this.codeForm(response, site, session.csrfToken, new PageErrors(), {});
  }

  @Post('code')
  async enterCode(
    @Param('organisation') slug: string,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    this.sessions.checkPost(session, body);
    const errors = new PageErrors();
    const { reference, code } = referenceAndCode(body, errors);
    if (errors.list.length === 0) {
      this.limits.codeAttempt(request, response, reference);
      const token = await this.api.progressCode(reference, code);
      if (token) {
        session.progressLinks.set(site.code, token);
        return response.redirect(303, `/${site.slug}/progress`);
      }
      // One answer whatever was wrong, expired or revoked: no clue for someone guessing.
      errors.add(
        'code',
        'The reference and code do not match a complaint we can show you. Check them against your letter',
      );
    }
    response.status(400);
    this.codeForm(response, site, session.csrfToken, errors, body);
  }

  @Get('letters/:id')
  async letter(
    @Param('organisation') slug: string,
    @Param('id') id: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const token = this.sessions.sessionOf(request, response).progressLinks.get(site.code);
    const pdf = token && /^[0-9a-f-]{36}$/.test(id) ? await this.api.letter(token, id) : null;
    if (!pdf) return this.refused(response, site);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', 'attachment; filename="letter.pdf"');
    response.send(pdf);
  }

  @Post('messages')
  async message(
    @Param('organisation') slug: string,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    this.sessions.checkPost(session, body);
    const token = session.progressLinks.get(site.code);
    const view = token ? await this.api.progress(token) : null;
    if (!token || !view) return this.refused(response, site);
    const errors = new PageErrors();
    const kind = text(body, 'kind');
    const message = text(body, 'message');
    if (kind !== 'more-information' && kind !== 'not-satisfied')
      errors.add('kind', 'Select what you want to tell us', 'kind-1');
    if (!message) errors.add('message', 'Enter your message');
    else if (message.length > MESSAGE_LIMIT)
      errors.add(
        'message',
        `Your message must be ${MESSAGE_LIMIT.toLocaleString('en-GB')} characters or fewer`,
      );
    if (errors.list.length > 0) {
      response.status(400);
      return this.render(response, site, session.csrfToken, view, undefined, errors, body);
    }
    if (!(await this.api.message(token, kind as 'more-information' | 'not-satisfied', message)))
      return this.refused(response, site);
    response.redirect(303, `/${site.slug}/progress?sent=${kind}`);
  }

  private codeForm(
    response: Response,
    site: OrganisationSite,
    csrfToken: string,
    errors: PageErrors,
    values: FormBody,
  ): void {
    response.render('progress-code.njk', {
      site,
      csrfToken,
      honeypot: HONEYPOT,
      errors: errors.list,
      errorFor: Object.fromEntries(errors.list.map((error) => [error.field, error.text])),
      reference: typeof values.reference === 'string' ? values.reference : '',
      cspNonce: response.locals.cspNonce,
    });
  }

  private refused(response: Response, site: OrganisationSite): void {
    response.status(404).render('progress-refused.njk', { site, cspNonce: response.locals.cspNonce });
  }

  private render(
    response: Response,
    site: OrganisationSite,
    csrfToken: string,
    view: NonNullable<Awaited<ReturnType<ComplaintsApiClient['progress']>>>,
    sent: string | undefined,
    errors: PageErrors,
    values: FormBody,
  ): void {
    const stage = (STAGES as string[]).includes(view.stage) ? (view.stage as Stage) : 'acknowledged';
    response.render('progress.njk', {
      site,
      csrfToken,
      honeypot: HONEYPOT,
      view,
      stage: STAGE_WORDS[stage],
      receivedOn: longDate(view.receivedOn),
      nextDate: view.closedAt || !view.nextDeadline ? undefined : longDate(view.nextDeadline),
      afterResponse: AFTER_RESPONSE.includes(view.stage),
      letters: view.letters.map((letter) => ({
        ...letter,
        sentOn: letter.sentAt ? longDate(letter.sentAt.slice(0, 10)) : undefined,
      })),
      sent: sent === 'more-information' || sent === 'not-satisfied' ? sent : undefined,
      errors: errors.list,
      errorFor: Object.fromEntries(errors.list.map((error) => [error.field, error.text])),
      values,
      messageLimit: MESSAGE_LIMIT,
      cspNonce: response.locals.cspNonce,
    });
  }
}
