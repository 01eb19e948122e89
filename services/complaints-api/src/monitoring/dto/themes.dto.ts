import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  SERVICE_AREAS,
  SUBJECT_AREAS,
  THEME_RULE_KINDS,
  type ServiceArea,
  type SubjectArea,
  type ThemeRuleKind,
} from '@complaints/domain';
import { ReviewActionDto } from './quarterly-review.dto';

/** R-MON-3: a theme to watch for. */
export class CreateThemeRuleDto {
  @ApiProperty({ example: 'Three complaints about one subject and service within 30 days', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ enum: SUBJECT_AREAS, description: 'Only this subject area; every one when absent' })
  @IsOptional()
  @IsIn(SUBJECT_AREAS)
  subjectArea?: SubjectArea;

  @ApiPropertyOptional({ enum: SERVICE_AREAS, description: 'Only this service area; every one when absent' })
  @IsOptional()
  @IsIn(SERVICE_AREAS)
  serviceArea?: ServiceArea;

  @ApiProperty({
    example: 3,
    minimum: 2,
    maximum: 1000,
    description: 'Complaints with the same subject and service',
  })
  @IsInt()
  @Min(2)
  @Max(1000)
  threshold!: number;

  @ApiPropertyOptional({
    enum: THEME_RULE_KINDS,
    default: 'within-days',
    description:
      '`within-days`: at least `threshold` complaints with the same subject and service area received within `withinDays`. `rise-over-quarter`: at least `threshold` in the financial quarter so far, and more than `risePercent` per cent above the same theme in the whole quarter before.',
  })
  @IsOptional()
  @IsIn(THEME_RULE_KINDS)
  kind?: ThemeRuleKind;

  @ApiPropertyOptional({
    example: 30,
    minimum: 1,
    maximum: 366,
    description: 'Received within this many days (`within-days` rules only, and required for them)',
  })
  @ValidateIf(
    (rule: CreateThemeRuleDto) => rule.kind !== 'rise-over-quarter' || rule.withinDays !== undefined,
  )
  @IsInt()
  @Min(1)
  @Max(366)
  withinDays?: number;

  @ApiPropertyOptional({
    example: 50,
    minimum: 1,
    maximum: 1000,
    description:
      'A rise of more than this many per cent over the quarter before (`rise-over-quarter` rules only, and required for them)',
  })
  @ValidateIf(
    (rule: CreateThemeRuleDto) => rule.kind === 'rise-over-quarter' || rule.risePercent !== undefined,
  )
  @IsInt()
  @Min(1)
  @Max(1000)
  risePercent?: number;
}

export class ThemeRuleDto extends CreateThemeRuleDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt!: Date | null;
}

export class CloseThemeAlertDto {
  @ApiProperty({ example: 'Ward 3 communication training booked; see the actions.', maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  note!: string;

  @ApiProperty({ type: [ReviewActionDto], maxItems: 20, description: 'The actions the theme led to' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReviewActionDto)
  actions!: ReviewActionDto[];
}

export class ThemeAlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty({ enum: SUBJECT_AREAS }) subjectArea!: string;
  @ApiProperty({ enum: SERVICE_AREAS }) serviceArea!: string;
  @ApiProperty({ example: '2026-06-01' }) windowFrom!: string;
  @ApiProperty({ example: '2026-06-30' }) windowTo!: string;
  @ApiProperty({ description: 'Complaints in the theme' }) complaints!: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'Their references, for complaints managers only; the list is recorded in the access log',
  })
  complaintReferences?: string[];
  @ApiProperty({ type: String, format: 'date-time' }) raisedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) closedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) closingNote!: string | null;
  @ApiProperty({ type: [ReviewActionDto] }) actions!: ReviewActionDto[];
}

export class ThemeAlertQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'closed', 'all'])
  status?: 'open' | 'closed' | 'all';
}
