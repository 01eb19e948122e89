import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, Min } from 'class-validator';
import { TargetStandingDto } from './targets.dto';

const COUNT = { type: 'integer', nullable: true } as const;
const COUNTS = (keys: readonly string[], description: string) =>
  ({
    type: 'object',
    properties: Object.fromEntries(keys.map((key) => [key, COUNT])),
    description,
  }) as const;

export class AnnualQuarterDto {
  @ApiProperty({ example: '2025-26-Q1' }) quarter!: string;
  @ApiProperty({ example: '2025-04-01' }) from!: string;
  @ApiProperty({ example: '2025-06-30' }) to!: string;
  @ApiProperty(COUNT) complaints!: number | null;
}

export class AnnualReceivedDto {
  @ApiProperty({
    ...COUNT,
    description: "Complaints received in the year: the KO41a return's new complaints",
  })
  complaints!: number | null;
  @ApiProperty({ type: [AnnualQuarterDto], description: 'The same, by financial quarter' })
  byQuarter!: AnnualQuarterDto[];
}

export class AnnualOutcomesDto {
  @ApiProperty({ ...COUNT, description: "Final responses sent in the year (KO41a's resolved)" })
  resolved!: number | null;
  @ApiProperty(COUNT) upheld!: number | null;
  @ApiProperty(COUNT) partiallyUpheld!: number | null;
  @ApiProperty(COUNT) notUpheld!: number | null;
  @ApiProperty({
    ...COUNT,
    description: 'Well-founded: upheld and partially upheld together (withheld when either is)',
  })
  wellFounded!: number | null;
  @ApiProperty({
    ...COUNT,
    description: 'Closed in the year without a final response (resolved early, withdrawn …)',
  })
  closedWithoutResponse!: number | null;
}

export class AnnualOmbudsmanDto {
  @ApiProperty({ ...COUNT, description: 'Referrals made in the year (by their date)' }) referred!:
    number | null;
  @ApiProperty(COUNTS(['phso', 'lgsco', 'cqc'], 'Referrals by body'))
  byBody!: Record<string, number | null>;
  @ApiProperty({ ...COUNT, description: 'Decisions the bodies made in the year' }) decided!: number | null;
  @ApiProperty(
    COUNTS(['not-investigated', 'upheld', 'partially-upheld', 'not-upheld'], 'Decisions by what was decided'),
  )
  byDecision!: Record<string, number | null>;
  @ApiProperty({ ...COUNT, description: 'Recommendations of those decisions (actions of the plans)' })
  recommendations!: number | null;
}

export class AnnualThemeDto {
  @ApiPropertyOptional({ type: String, nullable: true }) subjectArea!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) serviceArea!: string | null;
  @ApiProperty({ description: 'Alerts raised for this theme in the year' }) alerts!: number;
}

export class AnnualThemesDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: COUNT,
    description:
      'Complaints received by subject area (KO41a section 7: once per subject a complaint touches)',
  })
  bySubjectArea!: Record<string, number | null>;
  @ApiProperty({ type: [AnnualThemeDto], description: 'Theme alerts raised in the year, most first' })
  alerts!: AnnualThemeDto[];
}

export class AnnualHandlingDto {
  @ApiProperty({ ...COUNT, description: 'Complaints whose acknowledgement was late (R-ACK-1)' })
  acknowledgementsLate!: number | null;
  @ApiProperty({ ...COUNT, description: 'Complaints that missed another deadline of the procedure' })
  deadlinesMissed!: number | null;
  @ApiProperty({
    ...COUNT,
    description: 'Complaints that reached six months without a final response (R-INV-7)',
  })
  sixMonthLetters!: number | null;
}

export class AnnualChangesDto {
  @ApiProperty({ ...COUNT, description: 'Actions of the plans done in the year, with evidence' })
  actionsCompleted!: number | null;
  @ApiProperty(COUNTS(['promised', 'learning', 'ombudsman'], 'The same, by where the action came from'))
  bySource!: Record<string, number | null>;
  @ApiProperty({ ...COUNT, description: 'Learning points recorded in the year' }) learningRecorded!:
    number | null;
  @ApiProperty({
    type: [String],
    description:
      'What was changed, in the public wordings a complaints manager approved (R-MON-4); none while the count is withheld',
  })
  weDid!: string[];
}

export class AnnualApprovalDto {
  @ApiProperty({ example: 'hpft-complaints-manager' }) by!: string;
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
}

export class AnnualNarrativeDto {
  @ApiProperty({ example: 2, description: '0: the system draft, not yet saved' }) version!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Each narrative section by its id',
  })
  sections!: Record<string, string>;
  @ApiProperty({ description: 'Drafted by the system from the figures (else edited)' }) drafted!: boolean;
  @ApiProperty({ example: 'hpft-complaints-manager' }) editedBy!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) editedAt!: string | null;
  @ApiPropertyOptional({ type: AnnualApprovalDto, nullable: true, description: "The complaints manager's" })
  managerApproval!: AnnualApprovalDto | null;
  @ApiPropertyOptional({ type: AnnualApprovalDto, nullable: true, description: "The Responsible Person's" })
  responsiblePersonApproval!: AnnualApprovalDto | null;
  @ApiPropertyOptional({ type: AnnualApprovalDto, nullable: true }) publication!: AnnualApprovalDto | null;
}

/** Regulation 18 (R-MON-3): the year's figures, as every report counts them, and the report's narrative. */
export class AnnualReportDto {
  @ApiProperty({ example: 'HPFT' }) organisation!: string;
  @ApiProperty({ example: 'Hertfordshire Partnership University NHS Foundation Trust' }) name!: string;
  @ApiProperty({ example: '2025-26' }) year!: string;
  @ApiProperty({ example: '2025-04-01' }) from!: string;
  @ApiProperty({ example: '2026-03-31' }) to!: string;
  @ApiProperty({
    example: '2026-05-10',
    description: 'The London date the figures were read (published: then)',
  })
  asOf!: string;
  @ApiProperty() yearEnded!: boolean;
  @ApiProperty({ example: 5 }) suppressedBelow!: number;
  @ApiProperty({ description: 'What is counted, and how' }) counting!: string;
  @ApiProperty({ type: AnnualReceivedDto }) received!: AnnualReceivedDto;
  @ApiProperty({ type: AnnualOutcomesDto }) outcomes!: AnnualOutcomesDto;
  @ApiProperty({ type: [TargetStandingDto], description: 'Timeliness against the targets (R-MON-2)' })
  timeliness!: TargetStandingDto[];
  @ApiProperty({ type: AnnualOmbudsmanDto }) ombudsman!: AnnualOmbudsmanDto;
  @ApiProperty({ type: AnnualThemesDto }) themes!: AnnualThemesDto;
  @ApiProperty({ type: AnnualHandlingDto }) handling!: AnnualHandlingDto;
  @ApiProperty({ type: AnnualChangesDto }) changes!: AnnualChangesDto;
}

export class AnnualReportViewDto extends AnnualReportDto {
  @ApiProperty({
    type: AnnualNarrativeDto,
    description: 'The latest version, or the system draft before one',
  })
  narrative!: AnnualNarrativeDto;
}

export class EditAnnualReportDto {
  @ApiProperty({ example: 1, description: 'The version edited (the latest), so two edits do not cross' })
  @IsInt()
  @Min(0)
  version!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Every narrative section by its id (see the draft), each 1–8000 characters',
    example: {
      introduction: 'This report covers the complaints we received from 1 April 2025 to 31 March 2026.',
      received: 'We received 120 complaints, 8 more than the year before.',
      'well-founded': 'Of the 110 complaints we answered, 52 were well-founded.',
      ombudsman: 'Four people asked the Ombudsman to consider their complaint.',
      themes: 'Communication was the most frequent subject.',
      handling: 'Six acknowledgements were late.',
      changes: 'We changed how discharge letters are checked.',
    },
  })
  @IsObject()
  sections!: Record<string, string>;
}

export class ApproveAnnualReportDto {
  @ApiProperty({ example: 2, description: 'The version approved: it must be the latest' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class PublishAnnualReportDto extends ApproveAnnualReportDto {}
