import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  financialYear,
  KO41A_CODE_LISTS,
  ko41aCsv,
  ko41aReturn,
  londonDate,
  validateKo41a,
  type ComplaintOutcome,
  type Ko41aComplaint,
  type Ko41aReturn,
  type LocalDate,
  type Relationship,
  type SubmissionKind,
} from '@complaints/domain';
import { DATA_SOURCE, ProblemException } from '@complaints/service-kit';
import type { Ko41aReturnDto } from './dto/ko41a.dto';

interface ComplaintRow {
  id: string;
  kind: SubmissionKind;
  anonymous: boolean;
  received_on: LocalDate;
  outcome: ComplaintOutcome | null;
  closed_on: LocalDate | null;
  responded_on: LocalDate | null;
  relationship: Relationship | null;
  complainant_born_on: LocalDate | null;
  affected_born_on: LocalDate | null;
  for_someone_else: boolean;
}

interface IssueRow {
  complaint_id: string;
  subject_area: string | null;
  service_area: string | null;
  staff_group: string | null;
  clinical_specialty: string | null;
}

/**
 * The KO41a return (issue #15 part 3, ADR 0029): the organisation's complaints read from the record, counted by
 * the domain's rules (`ko41aReturn`) and checked by the form's own validation. The figures are exact, not
 * suppressed: it is the statutory return, whose sections must add up, and NHS England applies its own disclosure
 * control when it publishes.
 */
@Injectable()
export class Ko41aService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async figures(organisation: string, yearName: string): Promise<Ko41aReturn> {
    const year = financialYear(yearName);
    return ko41aReturn(await this.complaintsUpTo(organisation, year.to), year);
  }

  /**
   * Every complaint of the organisation received by `to`, as the return counts them: the open ones of an earlier
   * period are brought forward. `ko41aReturn` of them over any period (a year, or a quarter of it) gives its figures.
   */
  async complaintsUpTo(organisation: string, to: LocalDate): Promise<Ko41aComplaint[]> {
    const complaints: ComplaintRow[] = await this.dataSource.query(
      `SELECT c.id, c.kind, c.anonymous, c.received_on::text AS received_on, c.outcome,
              (c.closed_at AT TIME ZONE 'Europe/London')::date::text AS closed_on,
              (SELECT min((e.occurred_at AT TIME ZONE 'Europe/London')::date)::text FROM case_event e
                WHERE e.complaint_id = c.id AND e.type = 'final-response-sent') AS responded_on,
              complainant.relationship, complainant.date_of_birth::text AS complainant_born_on,
              affected.date_of_birth::text AS affected_born_on, affected.id IS NOT NULL AS for_someone_else
         FROM complaint c
         LEFT JOIN LATERAL (SELECT p.relationship, p.date_of_birth FROM complaint_party p
                             WHERE p.complaint_id = c.id AND p.role = 'complainant' LIMIT 1) complainant ON true
         LEFT JOIN LATERAL (SELECT p.id, p.date_of_birth FROM complaint_party p
                             WHERE p.complaint_id = c.id AND p.role = 'person-affected' LIMIT 1) affected ON true
        WHERE c.organisation_code = $1 AND c.received_on <= $2
          AND c.kind IN ('complaint', 'complaint-and-feedback') AND NOT c.anonymous`,
      [organisation, to],
    );
    const issues: IssueRow[] = await this.dataSource.query(
      `SELECT complaint_id, subject_area, service_area, staff_group, clinical_specialty
         FROM complaint_issue WHERE complaint_id = ANY($1) ORDER BY complaint_id, position`,
      [complaints.map((complaint) => complaint.id)],
    );
    const issuesOf = new Map<string, IssueRow[]>();
    for (const issue of issues)
      issuesOf.set(issue.complaint_id, [...(issuesOf.get(issue.complaint_id) ?? []), issue]);

    return complaints.map((row): Ko41aComplaint => ({
      kind: row.kind,
      anonymous: row.anonymous,
      receivedOn: row.received_on,
      outcome: row.outcome,
      respondedOn: row.responded_on,
      closedOn: row.closed_on,
      // The patient: the person affected, or the complainant when they complain as the patient.
      patientBornOn: row.for_someone_else
        ? row.affected_born_on
        : row.relationship === 'patient'
          ? row.complainant_born_on
          : null,
      complainantRelationship: row.relationship,
      onBehalfOfSomeoneElse: row.for_someone_else,
      issues: (issuesOf.get(row.id) ?? []).map((issue) => ({
        subjectArea: issue.subject_area,
        serviceArea: issue.service_area,
        staffGroup: issue.staff_group,
        clinicalSpecialty: issue.clinical_specialty,
      })),
    }));
  }

  async readable(
    organisation: string,
    yearName: string,
    today = londonDate(new Date()),
  ): Promise<Ko41aReturnDto> {
    const figures = await this.figures(organisation, yearName);
    const problems = validateKo41a(figures);
    const bySection: Record<number, Record<string, number>> = {
      3: figures.ageOfPatient,
      4: figures.statusOfComplainant,
      5: figures.serviceArea,
      6: figures.clinicalTreatment,
      7: figures.subjectArea,
      8: figures.profession,
    };
    return {
      organisation,
      year: figures.year,
      from: figures.from,
      to: figures.to,
      asOf: today,
      yearEnded: today > figures.to,
      codeLists: {
        version: KO41A_CODE_LISTS.version,
        checkedAgainstNationalLookup: KO41A_CODE_LISTS.checkedAgainstNationalLookup,
        source: KO41A_CODE_LISTS.source.guidance,
      },
      summary: figures.summary,
      closedWithoutResponse: figures.closedWithoutResponse,
      sections: KO41A_CODE_LISTS.sections.map((section) => {
        const counts = bySection[section.section];
        const items = section.items.map((item) => ({
          code: item.code,
          label: item.label,
          value: counts[item.code] ?? 0,
        }));
        const notCoded = Object.entries(counts)
          .filter(([code]) => !section.items.some((item) => item.code === code))
          .map(([code, value]) => ({ code, label: 'Not coded yet (no box on the form)', value }));
        return { section: section.section, title: section.title, items: [...items, ...notCoded] };
      }),
      valid: problems.length === 0,
      problems,
    };
  }

  /** The submission's CSV; a return that fails the form's validation cannot be submitted (422, each problem). */
  async csv(organisation: string, yearName: string): Promise<string> {
    const figures = await this.figures(organisation, yearName);
    const problems = validateKo41a(figures);
    if (problems.length > 0)
      throw new ProblemException({
        status: 422,
        title: 'The KO41a return does not pass the form’s validation',
        detail: `${problems.length} problem(s); GET /reports/ko41a/${yearName} shows the figures`,
        errors: problems.map((problem) => ({
          field: `section${problem.section}`,
          reason: `${problem.rule}: ${problem.detail}`,
        })),
      });
    return ko41aCsv(organisation, figures);
  }
}
