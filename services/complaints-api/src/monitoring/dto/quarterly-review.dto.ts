import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsObject,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { SERVICE_AREAS, SUBJECT_AREAS } from '@complaints/domain';
import { ISO_DATE } from '../../case-file/iso-date';
import { TargetStandingDto } from './targets.dto';

const COUNT = { type: 'integer', nullable: true } as const;

export class ReviewActionDto {
  @ApiProperty({ example: 'Audit discharge letters on ward 3 for the next quarter', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({
    example: 'hpft-complaints-manager',
    description: 'Staff id of the owner, in your organisation',
  })
  @IsString()
  @Length(1, 64)
  ownerId!: string;

  @ApiProperty({ example: '2026-12-31' })
  @Matches(ISO_DATE, { message: 'due must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'due must be a real calendar date' })
  due!: string;
}

/** R-MON-3: what the senior manager decided on reviewing the quarter, and the actions set. */
export class RecordQuarterlyReviewDto {
  @ApiProperty({ example: 'Timeliness fell below target in Q2; ask for a recovery plan.', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  decisions!: string;

  @ApiProperty({ type: [ReviewActionDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReviewActionDto)
  actions!: ReviewActionDto[];
}

export class QuarterlyReviewRecordDto {
  @ApiProperty({ example: '2026-27-Q2' }) quarter!: string;
  @ApiProperty({ example: 'hpft-senior-manager' }) reviewedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) reviewedAt!: Date;
  @ApiProperty() decisions!: string;
  @ApiProperty({ type: [ReviewActionDto] }) actions!: ReviewActionDto[];
}

export class QuarterTrendDto {
  @ApiProperty({ example: '2026-27-Q2' }) quarter!: string;
  @ApiProperty({ ...COUNT, description: 'Complaints received in the quarter' }) received!: number | null;
  @ApiProperty({ type: [TargetStandingDto], description: "The quarter's complaints against each target" })
  targets!: TargetStandingDto[];
}

export class OpenCasesByAgeDto {
  @ApiProperty({ ...COUNT, description: 'Received under 3 months ago' }) underThreeMonths!: number | null;
  @ApiProperty({ ...COUNT, description: '3 to 6 months' }) threeToSixMonths!: number | null;
  @ApiProperty({ ...COUNT, description: '6 to 12 months' }) sixToTwelveMonths!: number | null;
  @ApiProperty({ ...COUNT, description: 'Over 12 months' }) overTwelveMonths!: number | null;
}

export class ThemeDto {
  @ApiProperty({ enum: SUBJECT_AREAS }) subjectArea!: string;
  @ApiProperty({ enum: SERVICE_AREAS }) serviceArea!: string;
  @ApiProperty({
    description: "Issues of the quarter's complaints coded so (at least the suppression threshold)",
  })
  issues!: number;
}

/** R-MON-3: the quarterly review pack for senior managers, and the review's own record once made. */
export class QuarterlyReviewPackDto {
  @ApiProperty({ example: 'HPFT' }) organisation!: string;
  @ApiProperty({ example: '2026-27-Q2' }) quarter!: string;
  @ApiProperty({ example: '2026-07-01' }) from!: string;
  @ApiProperty({ example: '2026-09-30' }) to!: string;
  @ApiProperty({
    example: '2026-10-05',
    description:
      'The London date of the pack: open cases, breaches, oversight and overdue actions are as of it',
  })
  asOf!: string;
  @ApiProperty({ example: 5, description: 'Counts from 1 to this number − 1 are withheld (`null`)' })
  suppressedBelow!: number;
  @ApiProperty({
    type: [QuarterTrendDto],
    description: 'Volumes and timeliness against targets over the last eight quarters, oldest first',
  })
  trend!: QuarterTrendDto[];
  @ApiProperty({ type: OpenCasesByAgeDto, description: 'Complaints still awaiting their final response' })
  openByAge!: OpenCasesByAgeDto;
  @ApiProperty({ ...COUNT, description: 'Open complaints with a deadline breached' }) breached!:
    number | null;
  @ApiProperty({ ...COUNT, description: 'Complaints under six-month oversight (R-INV-7)' })
  underOversight!: number | null;
  @ApiProperty({
    ...COUNT,
    description:
      "Open actions of the organisation's action plans (promised in responses, R-RESP-4, or from learning), of complaints and feedback alike",
  })
  openActions!: number | null;
  @ApiProperty({ ...COUNT, description: 'Of the open actions, those past their date' })
  overdueActions!: number | null;
  @ApiProperty({
    type: [ThemeDto],
    description:
      "The quarter's most frequent subject and service areas (at most five, none below the threshold)",
  })
  themes!: ThemeDto[];
  @ApiProperty({
    type: QuarterlyReviewRecordDto,
    nullable: true,
    description: 'Null until the review is recorded',
  })
  record!: QuarterlyReviewRecordDto | null;
}

const COUNTS = { type: 'object', additionalProperties: COUNT } as const;

export class YearSummaryDto {
  @ApiProperty({ example: '2026-27' }) year!: string;
  @ApiProperty({ ...COUNT, description: 'Complaints received in the year' }) received!: number | null;
  @ApiProperty({ ...COUNTS, description: 'By subject area (each complaint once per subject)' })
  bySubjectArea!: Record<string, number | null>;
  @ApiProperty({ ...COUNTS, description: 'By outcome (`not-recorded` while open)' })
  byOutcome!: Record<string, number | null>;
}

/** CWTH's annual trend review (R-MON-3): the quarterly pack's data over a financial year and the one before. */
export class AnnualTrendReviewDto {
  @ApiProperty({ example: 'CWTH' }) organisation!: string;
  @ApiProperty({ example: '2026-27' }) year!: string;
  @ApiProperty({ example: '2026-04-01' }) from!: string;
  @ApiProperty({ example: '2027-03-31' }) to!: string;
  @ApiProperty({ example: '2027-04-10' }) asOf!: string;
  @ApiProperty({ example: 5 }) suppressedBelow!: number;
  @ApiProperty({
    type: [QuarterTrendDto],
    description: "The year's four quarters and the year before's, oldest first: volumes and timeliness",
  })
  trend!: QuarterTrendDto[];
  @ApiProperty({ type: [YearSummaryDto], description: 'The year before, then the year' })
  years!: YearSummaryDto[];
  @ApiProperty({ type: [ThemeDto], description: "The year's most frequent subject and service areas" })
  themes!: ThemeDto[];
  @ApiProperty({ type: QuarterlyReviewRecordDto, nullable: true, description: 'Null until recorded' })
  record!: QuarterlyReviewRecordDto | null;
}
