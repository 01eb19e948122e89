import { Inject, Injectable } from '@nestjs/common';
import { Between, type DataSource } from 'typeorm';
import {
  accessCodeToken,
  AccessLogEntry,
  Complaint,
  ExperienceSurveyAnswer,
  ExperienceSurveyInvitation,
  inspectAccessLink,
  redeemAccessLink,
  type AccessLink,
} from '@complaints/db';
import {
  localDate,
  localDateParts,
  financialQuarterContaining,
  londonDate,
  SURVEY_QUESTIONS,
  SURVEY_RESPONDENTS,
  suppressGroup,
  suppressTotal,
  surveyPeriodOf,
  type SurveyAnswers,
  type SurveyQuestion,
  type LocalDate,
  type SurveyRespondent,
} from '@complaints/domain';
import { DATA_SOURCE, ProblemException } from '@complaints/service-kit';
import {
  DISCLOSURE_CONTROL,
  refuseNarrowPeriod,
  type DisclosureControl,
} from '../monitoring/monitoring-report.service';
import type {
  ExperienceSurveyReportDto,
  SurveyInvitationView,
  SurveyRespondentReportDto,
} from './experience-survey.dto';

/** One answer for every refused link, whatever the reason: no oracle for someone guessing. */
const linkRefused = () =>
  new ProblemException({ status: 404, title: 'Not Found', detail: 'this link no longer works' });

/**
 * The experience survey (ADR 0023): a single-use link opens the page and is spent by the answers, which are
 * stored apart from the case file (organisation, profile, who answered, the quarter of the closure), and counted
 * only in aggregate with small numbers withheld (ADR 0016).
 */
@Injectable()
export class ExperienceSurveyService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DISCLOSURE_CONTROL) private readonly control: DisclosureControl,
  ) {}

  /** The token the reference and code on a survey letter stand for, while it opens the survey. */
  async tokenForCode(reference: string, code: string): Promise<{ token: string }> {
    const token = accessCodeToken(reference, code);
    if (!token) throw linkRefused();
    await this.open(token);
    return { token };
  }

  /** The page for an open link, without spending it. */
  async open(token: string): Promise<SurveyInvitationView> {
    const inspected = await inspectAccessLink(this.dataSource.manager, token, 'experience-survey');
    if (!inspected.opened) throw linkRefused();
    const { complaint, respondent } = await this.invitationOf(inspected.link);
    return { organisation: complaint.organisationCode, respondent };
  }

  /**
   * Spends the link and records the answers in one transaction: a second submit (or a replayed link) records
   * nothing. The access log records the link's use, as any use of an access link; the answer row names neither.
   */
  async answer(
    token: string,
    answers: SurveyAnswers,
    comment: string | undefined,
    requestId: string | null,
  ): Promise<{ recorded: true }> {
    return this.dataSource.transaction(async (manager) => {
      const redemption = await redeemAccessLink(manager, token, 'experience-survey');
      if (!redemption.opened) throw linkRefused();
      const { complaint, respondent } = await this.invitationOf(redemption.link, manager);
      const period = surveyPeriodOf(londonDate(complaint.closedAt ?? new Date()));
      const kept = Object.fromEntries(
        Object.keys(SURVEY_QUESTIONS)
          .filter((question) => answers[question as SurveyQuestion] !== undefined)
          .map((question) => [question, answers[question as SurveyQuestion]]),
      );
      await manager.insert(ExperienceSurveyAnswer, {
        organisationCode: complaint.organisationCode,
        profileId: complaint.profileId,
        respondent,
        closureQuarter: period.quarter,
        closureQuarterFrom: period.from,
        answers: kept,
        comment: comment?.trim() ? comment.trim() : null,
      });
      await manager.insert(AccessLogEntry, {
        staffId: `access-link:${redemption.link.id}`,
        organisationCode: complaint.organisationCode,
        complaintReference: complaint.reference,
        action: 'act',
        resource: 'POST /public-survey/answers',
        outcome: 'allowed',
        basis: 'access-link',
        purpose: null,
        references: [],
        requestId,
      });
      return { recorded: true as const };
    });
  }

  /**
   * Answers about complaints closed in the financial quarters that begin within the period (whole months, as
   * every report), per respondent, with small counts withheld; the comments only where enough answered.
   */
  async report(organisation: string, from: string, to: string): Promise<ExperienceSurveyReportDto> {
    refuseNarrowPeriod(from, to);
    const { threshold } = this.control;
    const rows: Pick<ExperienceSurveyAnswer, 'respondent' | 'answers' | 'comment'>[] = await this.dataSource
      .getRepository(ExperienceSurveyAnswer)
      .find({
        select: { respondent: true, answers: true, comment: true },
        where: { organisationCode: organisation, closureQuarterFrom: Between(from, to) },
      });
    const respondents = SURVEY_RESPONDENTS.map((respondent): SurveyRespondentReportDto => {
      const mine = rows.filter((row) => row.respondent === respondent);
      const questions = Object.fromEntries(
        Object.entries(SURVEY_QUESTIONS).map(([question, values]) => {
          const counts: Record<string, number> = Object.fromEntries(
            [...values, 'not-answered'].map((value) => [value, 0]),
          );
          for (const { answers } of mine) {
            const answer = answers[question as SurveyQuestion] ?? 'not-answered';
            counts[answer] = (counts[answer] ?? 0) + 1;
          }
          return [question, suppressGroup(counts, threshold)];
        }),
      );
      const enough = mine.length >= threshold;
      return {
        respondent,
        responses: suppressTotal(mine.length, threshold),
        questions,
        comments: enough
          ? mine
              .map((row) => row.comment)
              .filter((comment): comment is string => comment !== null)
              .sort((a, b) => a.localeCompare(b))
          : null,
      };
    });
    const quarters = quartersBeginningIn(from, to);
    return { organisation, from, to, quarters, suppressedBelow: threshold, respondents };
  }

  private async invitationOf(
    link: AccessLink,
    manager = this.dataSource.manager,
  ): Promise<{ complaint: Complaint; respondent: SurveyRespondent }> {
    const [complaint, invitation] = await Promise.all([
      manager.getRepository(Complaint).findOneBy({ id: link.complaintId }),
      manager.getRepository(ExperienceSurveyInvitation).findOneBy({ accessLinkId: link.id }),
    ]);
    if (!complaint || !invitation) throw linkRefused();
    return { complaint, respondent: invitation.respondent };
  }
}

/** The financial quarters that begin within the period: the closures a report of it counts. */
export function quartersBeginningIn(from: LocalDate, to: LocalDate): string[] {
  const quarters: string[] = [];
  for (let month = from; month <= to; month = firstOfNextMonth(month)) {
    const quarter = financialQuarterContaining(month);
    if (quarter.from === month) quarters.push(quarter.name);
  }
  return quarters;
}

function firstOfNextMonth(date: LocalDate): LocalDate {
  const { year, month } = localDateParts(date);
  return month === 12 ? localDate(year + 1, 1, 1) : localDate(year, month + 1, 1);
}
