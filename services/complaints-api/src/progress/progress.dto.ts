import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class IssueProgressLinkDto {
  @ApiPropertyOptional({
    description: 'Days the link works for (default 90)',
    minimum: 1,
    maximum: 365,
    default: 90,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class ProgressLinkDto {
  @ApiProperty({ format: 'uuid', description: 'The link, for revoking it' })
  id!: string;

  @ApiProperty({
    description:
      "The address of the complainant's progress page, to send them; shown only now (only its hash is kept)",
  })
  link!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

/** One progress link of a complaint, for staff to see and revoke: never its secret. */
export class ProgressLinkSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    description:
      'Who issued it: a member of staff, or `acknowledgement` for the link or code sent with the acknowledgement (ADR 0028)',
  })
  issuedBy!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'First opened' })
  usedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;

  @ApiProperty({ description: 'It opens the page now: not expired and not revoked' })
  live!: boolean;
}

/** What the public web service sends for a code read off a letter: the reference beside it (ADR 0028). */
export class ProgressCodeDto {
  @IsString()
  @Length(1, 40)
  reference!: string;

  @IsString()
  @Length(1, 40)
  code!: string;
}

/** What the public web service sends: the secret of the link the person followed. */
export class ProgressTokenDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token must be an access link token' })
  token!: string;
}

export const COMPLAINANT_MESSAGES = ['more-information', 'not-satisfied'] as const;
export type ComplainantMessageKind = (typeof COMPLAINANT_MESSAGES)[number];

export class ComplainantMessageDto extends ProgressTokenDto {
  @IsIn(COMPLAINANT_MESSAGES)
  kind!: ComplainantMessageKind;

  @IsString()
  @Length(1, 10000)
  text!: string;
}

export interface ProgressView {
  reference: string;
  organisation: string;
  kind: string;
  anonymous: boolean;
  stage: string;
  receivedOn: string;
  nextDeadline: string | null;
  deadlines: Record<string, string | null | undefined>;
  closedAt: string | null;
  letters: { id: string; subject: string; channel: string; sentAt: string | null; printable: boolean }[];
}
