import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsObject, IsOptional, Matches } from 'class-validator';
import {
  CLINICAL_SPECIALTIES,
  COMPLEXITIES,
  EQUALITY_QUESTIONS,
  SERVICE_AREAS,
  STAFF_GROUPS,
  SUBJECT_AREAS,
  type ClinicalSpecialty,
  type Complexity,
  type ServiceArea,
  type StaffGroup,
  type SubjectArea,
} from '@complaints/domain';
import { ISO_DATE } from '../../case-file/iso-date';

/** R-MON-1: an issue coded KO41a-style. */
export class CodeIssueDto {
  @ApiProperty({ enum: SUBJECT_AREAS, example: 'clinical-treatment' })
  @IsIn(SUBJECT_AREAS)
  subjectArea!: SubjectArea;
  @ApiProperty({ enum: SERVICE_AREAS, example: 'outpatient' }) @IsIn(SERVICE_AREAS) serviceArea!: ServiceArea;
  @ApiProperty({ enum: STAFF_GROUPS, example: 'medical-and-dental' })
  @IsIn(STAFF_GROUPS)
  staffGroup!: StaffGroup;
  @ApiProperty({
    enum: CLINICAL_SPECIALTIES,
    example: 'cardiology',
    required: false,
    nullable: true,
    description:
      'KO41a section 6: the clinical area, only for subject area `clinical-treatment` (the return asks for it there)',
  })
  @IsOptional()
  @IsIn(CLINICAL_SPECIALTIES)
  clinicalSpecialty?: ClinicalSpecialty | null;
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
  @ApiProperty({
    example: '2026-04-01',
    description: 'Complaints received on or after this date: the first of a month',
  })
  @Matches(ISO_DATE, { message: 'from must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from!: string;

  @ApiProperty({
    example: '2027-03-31',
    description: 'Complaints received on or before this date: the last of a month',
  })
  @Matches(ISO_DATE, { message: 'to must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to!: string;
}

export class IssueCodingDto {
  @ApiProperty({ format: 'uuid', description: 'The issue coded' }) id!: string;
  @ApiProperty({ enum: SUBJECT_AREAS }) subjectArea!: SubjectArea;
  @ApiProperty({ enum: SERVICE_AREAS }) serviceArea!: ServiceArea;
  @ApiProperty({ enum: STAFF_GROUPS }) staffGroup!: StaffGroup;
  @ApiProperty({ enum: CLINICAL_SPECIALTIES, nullable: true, description: 'KO41a section 6' })
  clinicalSpecialty!: ClinicalSpecialty | null;
}

export class ComplexityDto {
  @ApiProperty({ enum: COMPLEXITIES, description: 'R-MON-2: as assessed' }) complexity!: Complexity;
}

/** A count, or `null` where it is withheld (small-number suppression, ADR 0016). */
const COUNT = { type: 'integer', nullable: true } as const;
const COUNTS = { type: 'object', additionalProperties: COUNT } as const;
type Counts = Record<string, number | null>;

export class AgreedTimescaleCountsDto {
  @ApiProperty({ ...COUNT, description: 'Final responses sent by the date agreed at the start' })
  met!: number | null;
  @ApiProperty({ ...COUNT, description: 'Final responses sent after it' }) missed!: number | null;
}

export class IssueCountsDto {
  @ApiProperty({ ...COUNTS, description: 'Issues by KO41a subject area (`uncoded` until coded)' })
  bySubjectArea!: Counts;
  @ApiProperty({ ...COUNTS, description: 'Issues by service area' }) byServiceArea!: Counts;
  @ApiProperty({ ...COUNTS, description: 'Issues by KO41a staff group' }) byStaffGroup!: Counts;
  @ApiProperty({
    ...COUNTS,
    description:
      'R-MON-1: issues by the outcome of their finding in the final response last sent (`not-recorded` until one is)',
  })
  byOutcome!: Counts;
}

export class LearningCountsDto {
  @ApiProperty({
    ...COUNT,
    description: "The period's complaints with learning recorded (resolved early ones too)",
  })
  complaints!: number | null;
  @ApiProperty({
    ...COUNT,
    description: 'Feedback and PALS enquiries received in the period with learning recorded',
  })
  feedback!: number | null;
  @ApiProperty({ ...COUNT, description: 'Learning points recorded on the two' }) points!: number | null;
}

export class ActionCountsDto {
  @ApiProperty({ ...COUNT, description: 'Open' }) open!: number | null;
  @ApiProperty({ ...COUNT, description: 'Done, with evidence' }) done!: number | null;
  @ApiProperty({ ...COUNT, description: 'Cancelled, with a reason (learning actions only)' }) cancelled!:
    number | null;
  @ApiProperty({ ...COUNT, description: 'Of the open ones, past their date today (London)' }) overdue!:
    number | null;
}

/** R-MON-1/2: an organisation's counts for the complaints received in a period; never one complaint's data. */
export class MonitoringReportDto {
  @ApiProperty({ example: 'HPFT' }) organisation!: string;
  @ApiProperty({ example: '2026-04-01' }) from!: string;
  @ApiProperty({ example: '2027-03-31' }) to!: string;
  @ApiProperty({
    example: 5,
    description:
      'Counts from 1 to this number − 1 are withheld (`null`), and enough others that none can be worked out',
  })
  suppressedBelow!: number;
  @ApiProperty({ ...COUNT, description: 'Complaints received (not feedback or PALS enquiries)' })
  complaints!: number | null;
  @ApiProperty({ ...COUNTS, description: 'R-MON-2: by complexity (`not-recorded` until assessed)' })
  byComplexity!: Counts;
  @ApiProperty({
    ...COUNTS,
    description:
      "R-MON-1: by outcome: the findings' overall outcome (upheld, partially upheld, not upheld) once the final response is sent, or how the complaint ended without one (resolved early, withdrawn, out of scope, out of time); `not-recorded` while open",
  })
  byOutcome!: Counts;
  @ApiProperty({ type: AgreedTimescaleCountsDto, description: 'R-MON-1: the timescale agreed at the start' })
  agreedTimescale!: AgreedTimescaleCountsDto;
  @ApiProperty({ type: IssueCountsDto }) issues!: IssueCountsDto;
  @ApiProperty({ type: LearningCountsDto, description: 'R-MON-1/3: learning recorded on the cases' })
  learning!: LearningCountsDto;
  @ApiProperty({
    type: ActionCountsDto,
    description: "The action plans of the period's complaints (promised and learning actions)",
  })
  actions!: ActionCountsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: COUNTS,
    description: 'Equality answers, counted per question and answer; never per complaint',
  })
  equality!: Record<string, Counts>;
}
