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
