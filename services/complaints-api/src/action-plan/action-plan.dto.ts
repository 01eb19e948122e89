import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_SOURCES,
  ACTION_STATUSES,
  FINDING_OUTCOMES,
  type ActionSource,
  type ActionStatus,
  type FindingOutcome,
} from '@complaints/domain';
import { ISO_DATE } from '../case-file/iso-date';

export class LearningActionDto {
  @ApiProperty({ example: 'Add a discharge checklist to the ward handover', maxLength: 500 })
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({ example: 'hpft-complaint-lead', description: 'Staff id of the owner, in your organisation' })
  @IsString()
  @Length(1, 64)
  ownerId!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Reminded to the owner once past, escalated a week on' })
  @Matches(ISO_DATE, { message: 'due must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'due must be a real calendar date' })
  due!: string;
}

/** R-MON-1/3: what a case taught, and the actions it leads to. */
export class RecordCaseLearningDto {
  @ApiProperty({
    example:
      'Discharge letters were sent without the medication changes; the ward now checks them at handover.',
    maxLength: 4000,
  })
  @IsString()
  @Length(1, 4000)
  learning!: string;

  @ApiPropertyOptional({ type: [LearningActionDto], maxItems: 20, description: 'Joins the action plan' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LearningActionDto)
  actions?: LearningActionDto[];
}

/** R-INT-4: the learning review that closes an anonymous complaint: what it found, and what it taught. */
export class LearningReviewDto extends RecordCaseLearningDto {
  @ApiProperty({
    enum: FINDING_OUTCOMES,
    description: 'What the review found of the complaint, counted as its outcome in the reports',
  })
  @IsIn(FINDING_OUTCOMES)
  outcome!: FindingOutcome;
}

export class CompleteActionDto {
  @ApiProperty({
    example: 'Audit of 40 cancellations in March: every one had a phone call (report on the team site).',
    maxLength: 4000,
    description: 'What shows the action was carried out',
  })
  @IsString()
  @Length(1, 4000)
  evidence!: string;
}

export class CancelActionDto {
  @ApiProperty({
    example: 'The ward closed; the checklist is part of the new unit’s handover.',
    maxLength: 2000,
  })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class PlanActionDto {
  @ApiProperty({ example: 'action-1', description: 'The action id on this complaint' }) id!: string;
  @ApiProperty({ enum: ACTION_SOURCES }) source!: ActionSource;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'hpft-handler' }) ownerId!: string;
  @ApiProperty({ example: '2026-12-31' }) due!: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status!: ActionStatus;
  @ApiProperty({ description: 'Open past its date (London)' }) overdue!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) evidence!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-20' }) closedOn!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The learning it came from',
  })
  learningPointId!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The referral to the Ombudsman whose decision recommended it (ADR 0031)',
  })
  ombudsmanReferralId!: string | null;
}

export class LearningPointDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() learning!: string;
  @ApiProperty({ example: 'hpft-handler' }) recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: string;
}

export class RecordedLearningDto extends LearningPointDto {
  @ApiProperty({ type: [PlanActionDto], description: 'The actions it added to the action plan' })
  actions!: PlanActionDto[];
}

export class CompletedLearningReviewDto extends RecordedLearningDto {
  @ApiProperty({ enum: FINDING_OUTCOMES, description: "The review's outcome, now the complaint's" })
  outcome!: FindingOutcome;
}
