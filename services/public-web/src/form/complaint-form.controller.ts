import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { acknowledgementDue, getProfile, isProfileId, londonDate } from '@complaints/domain';
import { HONEYPOT, PublicLimits } from '../hardening/public-limits';
import { ComplaintsApiClient } from '../intake/complaints-api.client';
import { submissionOf } from '../intake/submission';
import { FormSessions, type FormState } from '../session/form-sessions';
import { OrganisationSites, type OrganisationSite } from '../site/organisation-sites';
import { summaryRows } from './check-answers';
import { longDate } from './dates';
import { PageErrors, type Body as FormBody } from './fields';
import { applicablePages, pageBySlug, type Page } from './pages';

const CHECK = 'check-answers';

/**
 * The complaint form of one organisation's site, at `/{organisation}/complaint/…`: one question per page,
 * check your answers, then the confirmation with the reference (procedure §1, R-INT-1 to R-INT-5).
 */
@Controller(':organisation/complaint')
export class ComplaintFormController {
  constructor(
    private readonly sites: OrganisationSites,
    private readonly sessions: FormSessions,
    private readonly limits: PublicLimits,
    private readonly api: ComplaintsApiClient,
  ) {}

  @Get('start')
  async start(@Param('organisation') slug: string, @Req() request: Request, @Res() response: Response) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    const form = this.sessions.formOf(session, site.code);
    if (form.sent) this.sessions.formOf(session, site.code, true);
    response.redirect(303, this.href(site, applicablePages({})[0].slug));
  }

  @Get(CHECK)
  async checkAnswers(
    @Param('organisation') slug: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const { site, form, csrfToken } = await this.open(slug, request, response);
    if (form.sent) return response.redirect(303, this.href(site, 'confirmation'));
    const missing = this.firstUnseen(form);
    if (missing) return response.redirect(303, this.href(site, missing));
    const last = applicablePages(form.answers).at(-1)!;
    response.render('check-answers.njk', {
      site,
      csrfToken,
      honeypot: HONEYPOT,
      backHref: this.href(site, last.slug),
      purpose: form.answers.purpose,
      rows: summaryRows(form.answers).map((row) => ({
        ...row,
        href: `${this.href(site, row.page)}?change=yes`,
      })),
      cspNonce: response.locals.cspNonce,
    });
  }

  @Post(CHECK)
  async send(
    @Param('organisation') slug: string,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const { site, form, session } = await this.open(slug, request, response);
    this.sessions.checkPost(session, body);
    // A second press of the button, or a retry after the answer was lost, shows the same complaint.
    if (form.sent) return response.redirect(303, this.href(site, 'confirmation'));
    const missing = this.firstUnseen(form);
    if (missing) return response.redirect(303, this.href(site, missing));
    this.limits.submission(request, response, site.code);
    const recorded = await this.api.submit(submissionOf(site.code, form.answers), form.idempotencyKey);
    const receivedOn = londonDate(new Date());
    form.sent = {
      reference: recorded.reference,
      purpose: form.answers.purpose,
      receivedOn,
      // R-ACK-1 from the profile the complaint is pinned to, on the organisation's working days.
      acknowledgementDue:
        recorded.deadlines.acknowledgement && isProfileId(recorded.profile.id)
          ? acknowledgementDue(
              getProfile(recorded.profile.id, recorded.profile.version),
              receivedOn,
              site.calendar,
            )
          : undefined,
    };
    form.answers = {};
    response.redirect(303, this.href(site, 'confirmation'));
  }

  @Get('confirmation')
  async confirmation(
    @Param('organisation') slug: string,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const { site, form } = await this.open(slug, request, response);
    if (!form.sent) return response.redirect(303, `/${site.slug}`);
    response.render('confirmation.njk', {
      site,
      sent: form.sent,
      acknowledgementDue: form.sent.acknowledgementDue && longDate(form.sent.acknowledgementDue),
      workingDays: site.profile.acknowledgement.workingDays,
      cspNonce: response.locals.cspNonce,
    });
  }

  @Get(':page')
  async question(
    @Param('organisation') slug: string,
    @Param('page') pageSlug: string,
    @Query('change') change: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const { site, form, csrfToken } = await this.open(slug, request, response);
    if (form.sent) return response.redirect(303, this.href(site, 'confirmation'));
    const page = this.pageFor(form, pageSlug);
    if (!page) return response.redirect(303, this.href(site, this.firstUnseen(form) ?? CHECK));
    this.render(
      response,
      site,
      form,
      page,
      csrfToken,
      change === 'yes',
      page.values(form.answers),
      new PageErrors(),
    );
  }

  @Post(':page')
  async answer(
    @Param('organisation') slug: string,
    @Param('page') pageSlug: string,
    @Query('change') change: string | undefined,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const { site, form, session, csrfToken } = await this.open(slug, request, response);
    this.sessions.checkPost(session, body);
    if (form.sent) return response.redirect(303, this.href(site, 'confirmation'));
    const page = this.pageFor(form, pageSlug);
    if (!page) return response.redirect(303, this.href(site, this.firstUnseen(form) ?? CHECK));
    const errors = new PageErrors();
    const values = page.read(body, errors, form.answers, londonDate(new Date()));
    if (errors.list.length > 0) {
      response.status(400);
      return this.render(response, site, form, page, csrfToken, change === 'yes', body, errors);
    }
    Object.assign(form.answers, values);
    if (!form.seen.includes(page.slug)) form.seen.push(page.slug);
    response.redirect(303, this.href(site, this.nextAfter(form, page, change === 'yes')));
  }

  private async open(slug: string, request: Request, response: Response) {
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    const form = this.sessions.formOf(session, site.code);
    return { site, session, form, csrfToken: session.csrfToken };
  }

  private pageFor(form: FormState, slug: string): Page | undefined {
    const page = pageBySlug(slug);
    return page?.applies(form.answers) ? page : undefined;
  }

  private firstUnseen(form: FormState): string | undefined {
    return applicablePages(form.answers).find((page) => !form.seen.includes(page.slug))?.slug;
  }

  /** After a change from check your answers, back there (by way of any question the change added). */
  private nextAfter(form: FormState, page: Page, change: boolean): string {
    if (change) return this.firstUnseen(form) ?? CHECK;
    const pages = applicablePages(form.answers);
    return pages[pages.findIndex((candidate) => candidate.slug === page.slug) + 1]?.slug ?? CHECK;
  }

  private href(site: OrganisationSite, page: string): string {
    return `/${site.slug}/complaint/${page}`;
  }

  private render(
    response: Response,
    site: OrganisationSite,
    form: FormState,
    page: Page,
    csrfToken: string,
    change: boolean,
    values: FormBody,
    errors: PageErrors,
  ): void {
    const pages = applicablePages(form.answers);
    const index = pages.findIndex((candidate) => candidate.slug === page.slug);
    const view = page.view(form.answers, londonDate(new Date()));
    response.render('question.njk', {
      site,
      csrfToken,
      honeypot: HONEYPOT,
      view,
      values,
      errors: errors.list,
      errorFor: Object.fromEntries(errors.list.map((error) => [error.field, error.text])),
      action: `${this.href(site, page.slug)}${change ? '?change=yes' : ''}`,
      backHref: change
        ? this.href(site, CHECK)
        : index > 0
          ? this.href(site, pages[index - 1].slug)
          : `/${site.slug}`,
      cspNonce: response.locals.cspNonce,
    });
  }
}
