import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class WorklistQueryDto {
  @ApiPropertyOptional({
    description: 'Organisation code; defaults to, and must be, your own',
    example: 'HPFT',
  })
  @IsOptional()
  @Matches(/^[A-Z]{2,8}$/, { message: 'organisation must be an organisation code' })
  organisation?: string;

  @ApiPropertyOptional({ description: 'Only complaints at this stage', example: 'awaiting-acknowledgement' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z-]{1,48}$/, { message: 'stage must be a stage name' })
  stage?: string;

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

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
