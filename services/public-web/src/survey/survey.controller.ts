import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  SURVEY_COMMENT_LIMIT,
  SURVEY_QUESTIONS,
  type SurveyAnswers,
  type SurveyQuestion,
} from '@complaints/domain';
import { PageErrors, referenceAndCode, text, type Body as FormBody } from '../form/fields';
import { HONEYPOT, PublicLimits } from '../hardening/public-limits';
import { ComplaintsApiClient, type SurveyInvitation } from '../intake/complaints-api.client';
import { FormSessions } from '../session/form-sessions';
import { OrganisationSites, type OrganisationSite } from '../site/organisation-sites';
import { answerWords, QUESTION_WORDS } from './survey-wording';

/**
 * The experience survey after closure (ADR 0023), opened by the single-use link in the invitation email
 * (`?link=`): the secret moves into the session at once, as the progress page's does. Or, from the survey
 * letter, by the reference and the code printed on it, entered on this page's form. One short page of
 * optional radios and a comment box; sending the answers spends the link (or code).
 */
@Controller(':organisation/survey')
export class SurveyController {
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
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    if (link) {
      session.surveyLinks.set(site.code, link);
      return response.redirect(303, `/${site.slug}/survey`);
    }
    const token = session.surveyLinks.get(site.code);
    if (!token) return this.codeForm(response, site, session.csrfToken, new PageErrors(), {});
    const invitation = await this.invitation(token, site);
    if (!invitation) return this.refused(response, site);
    this.render(response, site, session.csrfToken, invitation, new PageErrors(), {});
  }

  /** The reference and code from the survey letter, for the survey they open. */
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
      const token = await this.api.surveyCode(reference, code);
      if (token && (await this.invitation(token, site))) {
        session.surveyLinks.set(site.code, token);
        return response.redirect(303, `/${site.slug}/survey`);
      }
      // One answer whatever was wrong, used, expired or revoked: no clue for someone guessing.
      errors.add(
        'code',
        'The reference and code do not match a survey we can show you. Check them against your letter',
      );
    }
    response.status(400);
    this.codeForm(response, site, session.csrfToken, errors, body);
  }

  @Post()
  async answer(
    @Param('organisation') slug: string,
    @Body() body: FormBody,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    const session = this.sessions.sessionOf(request, response);
    this.sessions.checkPost(session, body);
    const token = session.surveyLinks.get(site.code);
    const invitation = await this.invitation(token, site);
    if (!token || !invitation) return this.refused(response, site);
    const errors = new PageErrors();
    const answers: Record<string, string> = {};
    for (const [question, values] of Object.entries(SURVEY_QUESTIONS)) {
      const value = text(body, question);
      if (value === '') continue;
      if ((values as readonly string[]).includes(value)) answers[question] = value;
      else errors.add(question, 'Select one of the answers, or leave the question blank', `${question}-1`);
    }
    const comment = text(body, 'comment');
    if (comment.length > SURVEY_COMMENT_LIMIT)
      errors.add(
        'comment',
        `Your comments must be ${SURVEY_COMMENT_LIMIT.toLocaleString('en-GB')} characters or fewer`,
      );
    if (errors.list.length > 0) {
      response.status(400);
      return this.render(response, site, session.csrfToken, invitation, errors, body);
    }
    if (!(await this.api.answerSurvey(token, answers as SurveyAnswers, comment || undefined)))
      return this.refused(response, site);
    session.surveyLinks.delete(site.code);
    response.redirect(303, `/${site.slug}/survey/thanks`);
  }

  @Get('thanks')
  async thanks(@Param('organisation') slug: string, @Req() request: Request, @Res() response: Response) {
    this.limits.page(request, response);
    const site = await this.sites.bySlug(slug);
    response.render('survey-thanks.njk', { site, cspNonce: response.locals.cspNonce });
  }

  private async invitation(
    token: string | undefined,
    site: OrganisationSite,
  ): Promise<SurveyInvitation | null> {
    const invitation = token ? await this.api.survey(token) : null;
    return invitation && invitation.organisation === site.code ? invitation : null;
  }

  private codeForm(
    response: Response,
    site: OrganisationSite,
    csrfToken: string,
    errors: PageErrors,
    values: FormBody,
  ): void {
    response.render('survey-code.njk', {
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
    response.status(404).render('survey-refused.njk', { site, cspNonce: response.locals.cspNonce });
  }

  private render(
    response: Response,
    site: OrganisationSite,
    csrfToken: string,
    invitation: SurveyInvitation,
    errors: PageErrors,
    values: FormBody,
  ): void {
    const words = QUESTION_WORDS[invitation.respondent];
    response.render('survey.njk', {
      site,
      csrfToken,
      honeypot: HONEYPOT,
      respondent: invitation.respondent,
      questions: (Object.keys(SURVEY_QUESTIONS) as SurveyQuestion[]).map((question) => ({
        name: question,
        legend: words[question],
        error: errors.for(question),
        items: SURVEY_QUESTIONS[question].map((value) => ({
          value,
          text: answerWords(question, value),
          checked: values[question] === value,
        })),
      })),
      comment: typeof values.comment === 'string' ? values.comment : '',
      commentLimit: SURVEY_COMMENT_LIMIT,
      errors: errors.list,
      errorFor: Object.fromEntries(errors.list.map((error) => [error.field, error.text])),
      cspNonce: response.locals.cspNonce,
    });
  }
}
