import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { STAGE_MEANINGS, STAGES, type Stage } from '@complaints/domain';
import { upperCase } from '../../case-file/transforms';

export class WorklistQueryDto {
  @ApiPropertyOptional({
    description: 'Organisation code; defaults to, and must be, your own',
    example: 'HPFT',
  })
  @IsOptional()
  @Transform(upperCase)
  @Matches(/^[A-Z]{2,8}$/, {
    message: 'organisation must be an organisation code (2 to 8 letters, e.g. HPFT)',
  })
  organisation?: string;

  @ApiPropertyOptional({
    description: `Only complaints at this stage: ${STAGES.map((stage) => `\`${stage}\` ${STAGE_MEANINGS[stage]}`).join('; ')}`,
    enum: STAGES,
    example: 'awaiting-acknowledgement',
  })
  @IsOptional()
  @IsIn(STAGES, { message: `stage must be one of: ${STAGES.join(', ')}` })
  stage?: Stage;

  @ApiPropertyOptional({
    description: 'Only complaints whose next deadline is on or before this date',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'deadlineBefore must be an ISO date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadlineBefore must be an ISO date (YYYY-MM-DD)' })
  deadlineBefore?: string;

  @ApiPropertyOptional({ description: 'Only breached (true) or unbreached (false) complaints' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({
    description:
      "Only complaints under (true) or not under (false) the Responsible Person's oversight: six months without a final response (R-INV-7)",
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  underOversight?: boolean;

  @ApiPropertyOptional({ description: 'Only complaints allocated to this handler (staff user id)' })
  @IsOptional()
  @IsString()
  handler?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
