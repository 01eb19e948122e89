import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LegalHoldReasonDto {
  @ApiProperty({
    description: 'Why the case file must be kept (placing), or why it need no longer be (lifting)',
    example: 'Clinical negligence claim received from the person’s solicitors',
    maxLength: 2000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class LegalHoldDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HPFT-2026-000123' }) complaintReference!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ example: 'hpft-complaints-manager' }) placedBy!: string;
  @ApiProperty({ format: 'date-time' }) placedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) liftReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) liftedBy!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) liftedAt!: string | null;
}

export class ErasedRecordsDto {
  @ApiProperty({ description: 'People on the complaint (names, contact details, dates of birth)' })
  parties!: number;
  @ApiProperty({ description: 'Issues whose words were erased (their KO41a coding is kept)' })
  issueTexts!: number;
  @ApiProperty() timelineEvents!: number;
  @ApiProperty() finalResponseVersions!: number;
  @ApiProperty() investigationPlanVersions!: number;
  @ApiProperty() equalityMonitoring!: number;
  @ApiProperty() contactRestrictions!: number;
  @ApiProperty({ description: 'Letters and emails, with their bodies' }) correspondence!: number;
  @ApiProperty({ description: 'Print copies (PDF) of letters' }) letterPdfs!: number;
}

/** A case file due for disposal and, once disposed of, its certificate. */
export class CaseFileDisposalDto {
  @ApiProperty({ example: 'HPFT-2026-000123' }) complaintReference!: string;
  @ApiProperty({ example: 'complaint-case-file' }) recordClass!: string;
  @ApiProperty({
    description: 'The retention rule applied',
    example:
      'complaint-case-file: 10 years after closure (Records Management Code of Practice 2023 (complaints case file))',
  })
  rule!: string;
  @ApiProperty({ example: 10 }) retentionYears!: number;
  @ApiProperty({ example: '2026-05-01', description: 'London date the complaint closed' }) closedOn!: string;
  @ApiProperty({ example: '2036-05-01', description: 'First day it may be disposed of' }) dueOn!: string;
  @ApiProperty({ format: 'date-time' }) foundAt!: string;
  @ApiProperty({ enum: ['due', 'disposed'] }) status!: 'due' | 'disposed';
  @ApiProperty({ description: 'A legal hold is in place: it cannot be disposed of until lifted' })
  onLegalHold!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The complaints manager who approved' })
  approvedBy!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) disposedAt!: string | null;
  @ApiPropertyOptional({ type: ErasedRecordsDto, nullable: true, description: 'What was disposed of' })
  erased!: ErasedRecordsDto | null;
}
