import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** R-JOINT-4: our part of the response, a new version each time it is revised. */
export class SubmitContributionDto {
  @ApiProperty({
    description: "Our organisation's findings on the issues that concern us",
    maxLength: 50_000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(50_000)
  body!: string;

  @ApiPropertyOptional({
    description:
      'R-JOINT-6: required when the lead went ahead with a partial response without us: our apology for the delay',
    maxLength: 5_000,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  apology?: string;
}

/** R-JOINT-4: reasons for varying from our own timescales, or our warning that we cannot meet the agreed one. */
export class RecordVariationDto {
  @ApiProperty({ enum: ['variation', 'cannot-meet'] })
  @IsIn(['variation', 'cannot-meet'])
  kind!: 'variation' | 'cannot-meet';

  @ApiProperty({ maxLength: 5_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  reasons!: string;

  @ApiPropertyOptional({
    description: 'Required for cannot-meet: when we now expect to contribute (YYYY-MM-DD)',
  })
  @ValidateIf((dto: RecordVariationDto) => dto.kind === 'cannot-meet' || dto.expectedOn !== undefined)
  @Matches(ISO_DATE, { message: 'expectedOn must be a date (YYYY-MM-DD)' })
  expectedOn?: string;
}

/** R-JOINT-5: approve the lead's draft version, or return it with comments. */
export class DecideOnDraftDto {
  @ApiProperty({ description: 'The draft version decided on (the one out for approval)', minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ enum: ['approved', 'changes-requested'] })
  @IsIn(['approved', 'changes-requested'])
  decision!: 'approved' | 'changes-requested';

  @ApiPropertyOptional({ description: 'Required when asking for changes', maxLength: 10_000 })
  @ValidateIf((dto: DecideOnDraftDto) => dto.decision === 'changes-requested' || dto.comments !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  comments?: string;
}

/** R-JOINT-7: a disagreement with other organisations, for each one's responsible senior manager. */
export class RaiseDisagreementDto {
  @ApiProperty({ type: [String], description: 'Codes of the organisations it is with' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @Matches(/^[A-Z]{2,8}$/, { each: true, message: 'each of with must be an organisation code' })
  with!: string[];

  @ApiProperty({ maxLength: 5_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  matter!: string;
}

/** Protocol 3.4: our learning and action points from the case, for our own reporting. */
export class RecordLearningDto {
  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  learning!: string;

  @ApiPropertyOptional({ type: [String], description: 'Action points, one per line item' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1_000, { each: true })
  actionPoints?: string[];
}

export class RedeemLinkDto {
  @ApiProperty({ description: 'The token from the link in the email' })
  @IsString()
  @MaxLength(200)
  token!: string;
}
