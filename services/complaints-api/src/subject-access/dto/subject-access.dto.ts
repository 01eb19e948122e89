import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ISO_DATE } from '../../case-file/iso-date';

/**
 * Who the request is about. In the body, never the URL, so the person's details stay out of access logs:
 * their email address, or their name with their date of birth.
 */
export class SubjectAccessRequestDto {
  @ApiPropertyOptional({ example: 'alex.morgan@example.org', description: 'The email address they gave' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: 'Alex Morgan', description: 'Their name, with `dateOfBirth`' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  name?: string;

  @ApiPropertyOptional({ example: '1970-04-01', description: 'Their date of birth, with `name`' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dateOfBirth must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string;
}

export class SubjectAccessPartyDto {
  @ApiProperty({ example: 'complainant' }) role!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dateOfBirth!: string | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) address!: {
    lines: string[];
    postcode: string;
  } | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) relationship!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) consentStatus!: string | null;
}

export class SubjectAccessCorrespondenceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'acknowledgement' }) template!: string;
  @ApiProperty({ enum: ['email', 'letter'] }) channel!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ description: 'The text as sent' }) text!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({
    description: 'A print copy (PDF) is held; `GET /correspondence/{id}/pdf` on the correspondence service',
  })
  hasPrintCopy!: boolean;
}

export class SubjectAccessComplaintDto {
  @ApiProperty({ example: 'HPFT-2026-000123' }) reference!: string;
  @ApiProperty({ description: 'How they are named on it (complainant, person affected …)' })
  asRoles!: string[];
  @ApiProperty() kind!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() receivedOn!: string;
  @ApiProperty() stage!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) outcomeSought!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) adjustmentsNote!: string | null;
  @ApiProperty({ type: [String] }) accessibilityNeeds!: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) earlyResolutionSummary!: string | null;
  @ApiProperty({
    type: [SubjectAccessPartyDto],
    description: 'Their own entries only; other people are left out',
  })
  parties!: SubjectAccessPartyDto[];
  @ApiProperty({ type: [String], description: 'The issues in the words given' }) issues!: string[];
  @ApiProperty({ type: [Object], description: 'The case timeline' })
  timeline!: { occurredAt: string; type: string; rule: string | null; actor: string }[];
  @ApiProperty({ type: [Object], description: 'Every saved version of the final response' })
  finalResponseVersions!: {
    version: number;
    content: unknown;
    coverLetter: string | null;
    createdAt: string;
  }[];
  @ApiProperty({ type: [Object], description: 'Every saved version of the plan agreed with them' })
  investigationPlanVersions!: { version: number; content: unknown; createdAt: string }[];
  @ApiPropertyOptional({
    type: Object,
    nullable: true,
    description: 'Equality-monitoring answers given with it',
  })
  equalityMonitoring!: Record<string, string> | null;
  @ApiProperty({ type: [Object], description: 'Limits on contact decided on it' })
  contactRestrictions!: {
    behaviours: string[];
    limits: string[];
    status: string;
    reviewOn: string;
    note: string | null;
  }[];
  @ApiProperty({ type: [SubjectAccessCorrespondenceDto] }) correspondence!: SubjectAccessCorrespondenceDto[];
}

/** Everything the organisation's complaints record holds about one person. */
export class SubjectAccessExportDto {
  @ApiProperty({ example: 'HPFT' }) organisation!: string;
  @ApiProperty({ format: 'date-time' }) producedAt!: string;
  @ApiProperty({ example: 'hpft-complaints-manager' }) producedBy!: string;
  @ApiProperty({ description: 'How the person was found: by `email`, or by `name-and-date-of-birth`' })
  matchedBy!: string[];
  @ApiProperty({ type: [SubjectAccessComplaintDto] }) complaints!: SubjectAccessComplaintDto[];
}
