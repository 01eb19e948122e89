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
  londonDate,
  OMBUDSMAN_DECISIONS,
  REFERRAL_BODIES,
  type OmbudsmanDecision,
  type ReferralBody,
} from '@complaints/domain';
import { LearningActionDto, PlanActionDto } from '../action-plan/action-plan.dto';
import { ISO_DATE } from '../case-file/iso-date';

const BODIES =
  '`phso` Parliamentary and Health Service Ombudsman, `lgsco` Local Government and Social Care Ombudsman, `cqc` Care Quality Commission (detention under the Mental Health Act, CTOs, guardianship)';

export class RecordReferralDto {
  @ApiProperty({ enum: REFERRAL_BODIES, example: 'phso', description: BODIES })
  @IsIn(REFERRAL_BODIES)
  body!: ReferralBody;

  @ApiProperty({
    // Today: never in the future, nor before a complaint received today.
    example: londonDate(new Date()),
    description:
      'London date the person referred the complaint; not in the future, nor before it was received',
  })
  @Matches(ISO_DATE, { message: 'referredOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'referredOn must be a real calendar date' })
  referredOn!: string;

  @ApiPropertyOptional({ example: 'C-2026-004512', maxLength: 64, description: "The body's own reference" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  bodyReference?: string;
}

export class RecommendationDto extends LearningActionDto {}

export class RecordDecisionDto {
  @ApiProperty({
    enum: OMBUDSMAN_DECISIONS,
    example: 'partially-upheld',
    description: 'Not investigated, or the finding of its investigation',
  })
  @IsIn(OMBUDSMAN_DECISIONS)
  decision!: OmbudsmanDecision;

  @ApiProperty({
    example: '2026-10-02',
    description: 'London date of the decision; not in the future, nor before the referral',
  })
  @Matches(ISO_DATE, { message: 'decidedOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'decidedOn must be a real calendar date' })
  decidedOn!: string;

  @ApiPropertyOptional({
    type: [RecommendationDto],
    maxItems: 20,
    description:
      "The body's recommendations: each joins the complaint's action plan as `ombudsman-<n>`, owned by an active member of your staff, reminded and escalated as every action is. None for a complaint not investigated.",
    example: [
      {
        description: 'Apologise in writing for the delay in the discharge letter',
        ownerId: 'hpft-complaints-manager',
        due: '2026-11-02',
      },
    ],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => RecommendationDto)
  recommendations?: RecommendationDto[];
}

export class OmbudsmanReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REFERRAL_BODIES }) body!: ReferralBody;
  @ApiProperty({ example: '2026-05-20' }) referredOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) bodyReference!: string | null;
  @ApiProperty({ example: 'hpft-complaints-manager' }) recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: string;
  @ApiPropertyOptional({ enum: OMBUDSMAN_DECISIONS, nullable: true, description: 'Null until decided' })
  decision!: OmbudsmanDecision | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-10-02' }) decidedOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decisionRecordedBy!: string | null;
  @ApiProperty({ type: [PlanActionDto], description: 'Its recommendations, as actions of the plan' })
  recommendations!: PlanActionDto[];
}
