import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CaseAction, type Complaint } from '@complaints/db';
import {
  COMPLAINT_OUTCOMES,
  financialQuarter,
  financialYear,
  SUBJECT_AREAS,
  suppressGroup,
  suppressTotal,
} from '@complaints/domain';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import { recordStaffEvent } from '../case-file/staff-event';
import type { PublicWordingDto, YouSaidWeDidDto } from './dto/you-said-we-did.dto';
import { DISCLOSURE_CONTROL, type DisclosureControl } from './monitoring-report.service';

/** The monitoring report's scope: complaints, not feedback or PALS enquiries. */
const COMPLAINTS = `c.kind <> 'feedback' AND c.kind <> 'pals-enquiry'`;

/**
 * R-MON-4 (issue #15 part 7, ADR 0029): "you said, we did", anonymised for publication. Only counts, suppressed as
 * every report (ADR 0016), and the one kind of free text a complaints manager approved for it: the public wording
 * of a done action. The wording is published without its complaint, date or subject, and not at all while the
 * count of changes is withheld.
 */
@Injectable()
export class YouSaidWeDidService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DISCLOSURE_CONTROL) private readonly control: DisclosureControl,
  ) {}

  async approveWording(
    complaint: Complaint,
    actionKey: string,
    wording: string,
    staff: StaffPrincipal,
  ): Promise<PublicWordingDto> {
    return this.dataSource.transaction(async (manager) => {
      const action = await manager
        .getRepository(CaseAction)
        .findOneBy({ complaintReference: complaint.reference, actionKey });
      if (!action)
        throw new ProblemException({
          status: 404,
          title: 'Not found',
          detail: `no action ${actionKey} on the action plan of ${complaint.reference}`,
        });
      if (action.status !== 'done')
        throw new ProblemException({
          status: 409,
          title: 'Only a change made is published',
          detail: `action ${actionKey} is ${action.status}: "you said, we did" publishes done actions only`,
          rule: 'R-MON-4',
        });
      const approvedAt = new Date();
      await manager.update(
        CaseAction,
        { id: action.id },
        { publicWording: wording, publicWordingApprovedBy: staff.id, publicWordingApprovedAt: approvedAt },
      );
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'action-public-wording-approved',
        rule: 'R-MON-4',
        data: { actionId: actionKey },
      });
      return { actionId: actionKey, wording, approvedBy: staff.id, approvedAt };
    });
  }

  async export(organisation: string, periodName: string): Promise<YouSaidWeDidDto> {
    const period = /-Q[1-4]$/.test(periodName) ? financialQuarter(periodName) : financialYear(periodName);
    const { threshold } = this.control;
    const params = [organisation, period.from, period.to];

    const [{ n: received }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM complaint c
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3 AND ${COMPLAINTS}`,
      params,
    );
    const subjects: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT coalesce(i.subject_area, 'not-coded') AS key, count(DISTINCT c.id)::int AS n
         FROM complaint_issue i JOIN complaint c ON c.id = i.complaint_id
        WHERE c.organisation_code = $1 AND c.received_on BETWEEN $2 AND $3 AND ${COMPLAINTS} GROUP BY 1`,
      params,
    );
    // A complaint's outcome counts in the period it was reached: its first final response, or its closure.
    const outcomes: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT c.outcome AS key, count(*)::int AS n FROM complaint c
        WHERE c.organisation_code = $1 AND ${COMPLAINTS} AND c.outcome IS NOT NULL
          AND coalesce(
                (SELECT min((e.occurred_at AT TIME ZONE 'Europe/London')::date) FROM case_event e
                  WHERE e.complaint_id = c.id AND e.type = 'final-response-sent'),
                (c.closed_at AT TIME ZONE 'Europe/London')::date) BETWEEN $2 AND $3
        GROUP BY 1`,
      params,
    );
    const done: { public_wording: string | null }[] = await this.dataSource.query(
      `SELECT a.public_wording FROM case_action a JOIN complaint c ON c.reference = a.complaint_reference
        WHERE c.organisation_code = $1 AND ${COMPLAINTS} AND a.status = 'done' AND a.closed_on BETWEEN $2 AND $3
        ORDER BY a.public_wording`,
      params,
    );

    const bySubject = Object.fromEntries(SUBJECT_AREAS.map((subject) => [subject, 0])) as Record<
      string,
      number
    >;
    for (const { key, n } of subjects) bySubject[key] = n;
    const byOutcome = Object.fromEntries(COMPLAINT_OUTCOMES.map((outcome) => [outcome, 0])) as Record<
      string,
      number
    >;
    for (const { key, n } of outcomes) byOutcome[key] = n;
    const changesMade = suppressTotal(done.length, threshold);
    return {
      organisation,
      period: period.name,
      from: period.from,
      to: period.to,
      suppressedBelow: threshold,
      complaints: suppressTotal(received, threshold),
      bySubjectArea: suppressGroup(bySubject, threshold),
      outcomes: suppressGroup(byOutcome, threshold),
      changesMade,
      weDid:
        changesMade === null
          ? []
          : done.flatMap((action) => (action.public_wording === null ? [] : [action.public_wording])),
    };
  }
}
