import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ACCESS_ACTIONS, type AccessAction } from '@complaints/db';

export class AccessLogQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class AccessLogEntryDto {
  @ApiProperty({ type: String, format: 'date-time' }) at!: Date;
  @ApiProperty({ example: 'hpft-handler', description: 'Staff id (never a name)' }) staffId!: string;
  @ApiProperty({ example: 'HPFT' }) organisationCode!: string;
  @ApiProperty({ enum: ACCESS_ACTIONS, description: '`act` is a command; `search` a worklist page' })
  action!: AccessAction;
  @ApiProperty({ example: 'GET /complaints/:reference' }) resource!: string;
  @ApiProperty({ enum: ['allowed', 'refused'] }) outcome!: 'allowed' | 'refused';
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'case-team:handler',
    description:
      'Why it was allowed: `complaints-manager`, `taken-in`, `case-team:<role>`, `sign-off`, `oversight`, `break-glass`',
  })
  basis!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'For break-glass: the grant and its reason' })
  purpose!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The request ID (X-Request-Id)' })
  requestId!: string | null;
}

export class AccessLogPageDto {
  @ApiProperty({ type: [AccessLogEntryDto], description: 'Newest first' }) items!: AccessLogEntryDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 120 }) total!: number;
}

export class GrantAccessDto {
  @ApiProperty({ description: 'Staff id of who may open the complaint', example: 'hpft-senior-manager' })
  @IsString()
  @Length(1, 64)
  staffId!: string;

  @ApiProperty({
    description: 'Why they need to see it (recorded, and shown as the purpose of each access)',
    example: 'Legal services reviewing the case for a claim notified today',
  })
  @IsString()
  @Length(10, 500)
  reason!: string;

  @ApiProperty({
    description: 'When the access ends: in the future, and at most 7 days ahead',
    // Valid for a week from when the docs were made (Swagger UI fills it in as it is).
    example: new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
  })
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt!: string;
}

export class AccessGrantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'hpft-senior-manager' }) staffId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ example: 'hpft-complaints-manager' }) grantedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) grantedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: Date;
  @ApiProperty({ type: String, nullable: true }) revokedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: Date | null;
}
