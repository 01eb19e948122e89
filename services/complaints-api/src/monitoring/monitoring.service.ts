import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ComplaintIssue, EqualityMonitoring, type Complaint } from '@complaints/db';
import {
  EQUALITY_QUESTIONS,
  PREFER_NOT_TO_SAY,
  type Complexity,
  type EqualityAnswers,
  type EqualityQuestion,
} from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { recordStaffEvent } from '../case-file/staff-event';
import type { CodeIssueDto, ComplexityDto, IssueCodingDto } from './dto/monitoring.dto';

/** R-MON-1: coding for reporting, and equality answers kept apart from the case. */
@Injectable()
export class MonitoringService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async codeIssue(
    complaint: Complaint,
    issueId: string,
    dto: CodeIssueDto,
    staff: StaffPrincipal,
  ): Promise<IssueCodingDto> {
    const issue = complaint.issues.find((candidate) => candidate.id === issueId);
    if (!issue) {
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `complaint ${complaint.reference} has no issue ${issueId}`,
      });
    }
    if (dto.clinicalSpecialty && dto.subjectArea !== 'clinical-treatment')
      throw new RequestValidationException([
        {
          field: 'clinicalSpecialty',
          reason: 'is only for the subject area clinical-treatment (KO41a section 6)',
        },
      ]);
    const coding = {
      subjectArea: dto.subjectArea,
      serviceArea: dto.serviceArea,
      staffGroup: dto.staffGroup,
      clinicalSpecialty: dto.clinicalSpecialty ?? null,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ComplaintIssue, { id: issue.id }, coding);
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'issue-coded',
        rule: 'R-MON-1',
        data: { issueId, ...coding },
      });
    });
    return { id: issue.id, ...coding };
  }

  async assessComplexity(
    complaint: Complaint,
    complexity: Complexity,
    staff: StaffPrincipal,
  ): Promise<ComplexityDto> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE complaint SET complexity = $1 WHERE id = $2', [complexity, complaint.id]);
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'complexity-assessed',
        rule: 'R-MON-1',
        data: { complexity },
      });
    });
    return { complexity };
  }

  /**
   * Replaces the answers; the answers replaced are kept by the database (equality_monitoring_revision). The
   * timeline says that answers were recorded and by whom, and nothing of what they are.
   */
  async recordEquality(complaint: Complaint, answers: Record<string, unknown>, staff: StaffPrincipal) {
    const checked = checkEqualityAnswers(answers);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(EqualityMonitoring).upsert(
        {
          complaintReference: complaint.reference,
          answers: checked,
          recordedBy: staff.id,
          recordedAt: new Date(),
        },
        ['complaintReference'],
      );
      await recordStaffEvent(manager, complaint.id, staff, {
        type: 'equality-monitoring-recorded',
        rule: 'R-MON-1',
      });
    });
  }
}

/** Each answer must be one of its question's values or "prefer not to say"; unknown questions are refused. */
export function checkEqualityAnswers(answers: Record<string, unknown>): EqualityAnswers {
  const problems: { field: string; reason: string }[] = [];
  for (const [question, answer] of Object.entries(answers)) {
    const values: readonly string[] | undefined = EQUALITY_QUESTIONS[question as EqualityQuestion];
    if (!values)
      problems.push({ field: `answers.${question}`, reason: 'is not an equality-monitoring question' });
    else if (typeof answer !== 'string' || (answer !== PREFER_NOT_TO_SAY && !values.includes(answer)))
      problems.push({
        field: `answers.${question}`,
        reason: `must be one of ${[...values, PREFER_NOT_TO_SAY].join(', ')}`,
      });
  }
  if (problems.length > 0) throw new RequestValidationException(problems);
  return answers as EqualityAnswers;
}
