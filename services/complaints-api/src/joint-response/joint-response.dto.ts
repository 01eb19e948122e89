import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z]{2,8}$/;

/** R-JOINT-3, R-JOINT-4: the timescale agreed with the person, and each partner's contribution deadline within it. */
export class AgreeJointTimescaleDto {
  @ApiProperty({
    description: 'The date the joint response is due, as agreed with the person (YYYY-MM-DD)',
    example: '2036-04-14',
  })
  @Matches(ISO_DATE, { message: 'responseDueOn must be a date (YYYY-MM-DD)' })
  responseDueOn!: string;

  @ApiProperty({
    description:
      "Each contributing partner's deadline (organisation code → YYYY-MM-DD), on or before responseDueOn",
    example: { HCCACS: '2036-03-20', ENHT: '2036-03-27' },
  })
  @IsObject()
  contributionDue!: Record<string, string>;
}

/** R-JOINT-3: the co-ordination meeting or call of a complex case; it holds nothing up. */
export class RecordCoordinationDto {
  @ApiProperty({ description: 'YYYY-MM-DD, not in the future', example: '2036-03-03' })
  @Matches(ISO_DATE, { message: 'heldOn must be a date (YYYY-MM-DD)' })
  heldOn!: string;

  @ApiProperty({ enum: ['meeting', 'call'] })
  @IsIn(['meeting', 'call'])
  kind!: 'meeting' | 'call';

  @ApiProperty({ type: [String], description: 'Organisations that took part', example: ['HPFT', 'HCCACS'] })
  @IsArray()
  @ArrayMaxSize(12)
  @Matches(CODE, { each: true, message: 'each of attended must be an organisation code' })
  attended!: string[];

  @ApiProperty({ description: 'What was agreed: the basis of the co-ordinated response', maxLength: 10_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  notes!: string;
}

/** R-JOINT-4: conflicting information between organisations, to be resolved before the response. */
export class FlagConflictDto {
  @ApiProperty({
    type: [String],
    description: 'The organisations whose information conflicts (at least two)',
    example: ['HCCACS', 'ENHT'],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(12)
  @Matches(CODE, { each: true, message: 'each of between must be an organisation code' })
  between!: string[];

  @ApiProperty({ maxLength: 5_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  description!: string;
}

export class ResolveConflictDto {
  @ApiProperty({ description: 'How the organisations resolved it', maxLength: 5_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  resolution!: string;
}

/** R-JOINT-6: the late partners a partial response goes without. */
export class DecidePartialResponseDto {
  @ApiProperty({ type: [String], example: ['ENHT'] })
  @IsArray()
  @ArrayMinSize(1)
  @Matches(CODE, { each: true, message: 'each of without must be an organisation code' })
  without!: string[];
}

/** R-JOINT-7: the review with the person after they were not satisfied. */
export class RecordJointReviewDto {
  @ApiProperty({
    type: [String],
    description: 'Partners whose part the review found resolved: they may withdraw',
    example: ['HCCACS'],
  })
  @IsArray()
  @Matches(CODE, { each: true, message: 'each of resolvedFor must be an organisation code' })
  resolvedFor!: string[];

  @ApiPropertyOptional({
    description: "When the lead's own part is resolved: the member that leads from now on",
    example: 'ENHT',
  })
  @IsOptional()
  @Matches(CODE, { message: 'newLeadCode must be an organisation code' })
  newLeadCode?: string;
}

export class RecordDisagreementOutcomeDto {
  @ApiProperty({ description: "What the organisations' senior managers decided", maxLength: 5_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  outcome!: string;
}

export class RecordLeadLearningDto {
  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  learning!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1_000, { each: true })
  actionPoints?: string[];
}
