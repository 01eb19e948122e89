import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsObject, Matches } from 'class-validator';
import {
  COMPLEXITIES,
  EQUALITY_QUESTIONS,
  SERVICE_AREAS,
  STAFF_GROUPS,
  SUBJECT_AREAS,
  type Complexity,
  type ServiceArea,
  type StaffGroup,
  type SubjectArea,
} from '@complaints/domain';
import { ISO_DATE } from './iso-date';

/** R-MON-1: an issue coded KO41a-style. */
export class CodeIssueDto {
  @ApiProperty({ enum: SUBJECT_AREAS }) @IsIn(SUBJECT_AREAS) subjectArea!: SubjectArea;
  @ApiProperty({ enum: SERVICE_AREAS }) @IsIn(SERVICE_AREAS) serviceArea!: ServiceArea;
  @ApiProperty({ enum: STAFF_GROUPS }) @IsIn(STAFF_GROUPS) staffGroup!: StaffGroup;
}

export class AssessComplexityDto {
  @ApiProperty({
    enum: COMPLEXITIES,
    description: 'R-MON-2: straightforward, or complex (including every multi-organisation complaint)',
  })
  @IsIn(COMPLEXITIES)
  complexity!: Complexity;
}

export class EqualityMonitoringDto {
  @ApiProperty({
    description:
      "R-MON-1: the person's optional answers, each one of the listed values or `prefer-not-to-say`; unanswered questions are left out. " +
      'Questions: ' +
      Object.entries(EQUALITY_QUESTIONS)
        .map(([question, values]) => `${question} (${values.join(', ')})`)
        .join('; '),
    example: { ageBand: '35-44', disability: 'prefer-not-to-say' },
  })
  @IsObject()
  answers!: Record<string, string>;
}

export class MonitoringReportQueryDto {
  @ApiProperty({ example: '2026-04-01', description: 'Complaints received on or after this date' })
  @Matches(ISO_DATE, { message: 'from must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from!: string;

  @ApiProperty({ example: '2027-03-31', description: 'Complaints received on or before this date' })
  @Matches(ISO_DATE, { message: 'to must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to!: string;
}
