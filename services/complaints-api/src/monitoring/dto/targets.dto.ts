import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MonitoringCaseType } from '@complaints/domain';

const COUNT = { type: 'integer', nullable: true } as const;

export class TargetPeriodDto {
  @ApiProperty({ enum: ['calendar-months', 'working-days'] }) basis!: 'calendar-months' | 'working-days';
  @ApiProperty({ example: 35 }) amount!: number;
}

/** R-MON-2: one target of the profile and how the period's responses stand against it. */
export class TargetStandingDto {
  @ApiProperty({ enum: ['straightforward', 'complex-or-multi-organisation', 'new', 'reopened'] })
  caseType!: MonitoringCaseType;
  @ApiProperty({ example: 100, description: 'Share of responses the target expects within the period' })
  percent!: number;
  @ApiProperty({ type: TargetPeriodDto, description: 'From receipt (or reopening) to the final response' })
  within!: TargetPeriodDto;
  @ApiProperty({
    description: 'Whether a later date agreed with the person (R-INV-5) replaces the target date',
  })
  unlessExtendedByAgreement!: boolean;
  @ApiProperty({ ...COUNT, description: 'Responses sent by the target date' }) met!: number | null;
  @ApiProperty({
    ...COUNT,
    description: 'Responses sent after it, and rounds still open whose target date has passed',
  })
  missed!: number | null;
  @ApiProperty({ ...COUNT, description: 'Rounds still open and not yet due' }) pending!: number | null;
  @ApiProperty({
    ...COUNT,
    description: 'Rounds a complexity target cannot place because complexity is not yet assessed',
  })
  notAssessed!: number | null;
  @ApiProperty({ ...COUNT, description: 'met + missed: what the share is of' }) denominator!: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 92.5, description: 'met ÷ denominator, in %' })
  sharePercent!: number | null;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'sharePercent ≥ percent' })
  achieved!: boolean | null;
  @ApiPropertyOptional({
    type: [String],
    description:
      'References of the complaints that missed, for complaints managers only (they may open every complaint of the organisation); the list is recorded in the access log',
  })
  missedCases?: string[];
}

export class FirstResponsesDto {
  @ApiProperty({ ...COUNT, description: 'First-round final responses sent' }) count!: number | null;
  @ApiProperty({ ...COUNT, description: 'Median calendar days from receipt to final response' })
  medianDays!: number | null;
  @ApiProperty({ ...COUNT, description: '90th percentile (nearest rank) of the same' })
  ninetiethPercentileDays!: number | null;
}

/** R-MON-2: the organisation's targets for the complaints received in a period. */
export class TargetReportDto {
  @ApiProperty({ example: 'HPFT' }) organisation!: string;
  @ApiProperty({ example: '2026-04-01' }) from!: string;
  @ApiProperty({ example: '2027-03-31' }) to!: string;
  @ApiProperty({ example: '2027-05-01', description: 'The London date open rounds were judged on' })
  asOf!: string;
  @ApiProperty({ example: 5, description: 'Counts from 1 to this number − 1 are withheld (`null`)' })
  suppressedBelow!: number;
  @ApiProperty({
    type: [TargetStandingDto],
    description:
      "Every target of the organisation's profile, and of any earlier version a complaint is pinned to",
  })
  targets!: TargetStandingDto[];
  @ApiProperty({ type: FirstResponsesDto }) firstResponses!: FirstResponsesDto;
}
