import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  londonDate,
  ACCESSIBILITY_NEEDS,
  CHANNELS,
  CONSENT_NOT_NEEDED_REASONS,
  CONSENT_STATUSES,
  RELATIONSHIPS,
  REPLY_CHANNELS,
  SUBMISSION_KINDS,
  type AccessibilityNeed,
  type Channel,
  type ConsentNotNeededReason,
  type ConsentStatus,
  type Relationship,
  type ReplyChannel,
  type SubmissionKind,
} from '@complaints/domain';
import { upperCase } from '../../case-file/transforms';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsISO8601,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ISO_DATE } from '../../case-file/iso-date';

const isoDate = { strict: true, strictSeparator: true } as const;

export class PostalAddressDto {
  @ApiProperty({
    description: 'Address lines, first line first',
    example: ['12 Hill Road', 'Hatfield'],
    maxItems: 6,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  lines!: string[];

  @ApiProperty({ example: 'AL10 8YE' })
  @IsString()
  @Length(2, 12)
  postcode!: string;
}

export class PersonDto {
  @ApiProperty({ description: 'Full name', example: 'Alex Morgan', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    description: 'Date of birth (ISO date); not after the date of receipt',
    example: '1970-04-01',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dateOfBirth must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601(isoDate, { message: 'dateOfBirth must be a real calendar date' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ type: PostalAddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  address?: PostalAddressDto;

  @ApiPropertyOptional({ example: 'alex.morgan@example.org', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '07700 900123', maxLength: 40 })
  @IsOptional()
  @IsString()
  @Matches(/^[+\d][\d ()-]{5,39}$/, { message: 'phone must be a telephone number' })
  phone?: string;
}

export class ComplainantDto extends PersonDto {
  @ApiProperty({ description: 'R-INT-2: relationship to the organisation', enum: RELATIONSHIPS })
  @IsIn(RELATIONSHIPS)
  relationship!: Relationship;
}

export class ConsentDto {
  @ApiProperty({
    description:
      'R-INT-5: consent of the person affected for the complainant to act for them and see their information',
    enum: CONSENT_STATUSES,
  })
  @IsIn(CONSENT_STATUSES)
  status!: ConsentStatus;

  @ApiPropertyOptional({
    description: 'Required when status is not-needed',
    enum: CONSENT_NOT_NEEDED_REASONS,
  })
  @ValidateIf((consent: ConsentDto) => consent.status === 'not-needed')
  @IsIn(CONSENT_NOT_NEEDED_REASONS, {
    message: 'reason must say why consent is not needed: deceased, child or lacks-capacity',
  })
  reason?: ConsentNotNeededReason;
}

/** R-JOINT-8: a complaint made to the commissioner and forwarded to us, with the person's consent. */
export class ForwardedByCommissionerDto {
  @ApiProperty({
    description: 'The commissioner (an ICB member of a joint protocol) that forwarded it',
    example: 'HWEICB',
  })
  @IsString()
  @Length(2, 8)
  @Transform(upperCase)
  commissionerCode!: string;

  @ApiProperty({
    description: 'When the commissioner received it (ISO date); not after our own receipt (receivedOn)',
    format: 'date',
    example: londonDate(new Date()),
  })
  @Matches(ISO_DATE, { message: 'commissionerReceivedOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601(isoDate, { message: 'commissionerReceivedOn must be a real calendar date' })
  commissionerReceivedOn!: string;

  @ApiProperty({
    description: 'The person consented to the commissioner forwarding it (R-JOINT-8); must be true',
    example: true,
  })
  @Equals(true, { message: 'a complaint is forwarded only with the consent of the person (R-JOINT-8)' })
  personConsented!: boolean;
}

export class IssueDto {
  @ApiProperty({
    description: "The issue in the person's own words and language, stored verbatim",
    maxLength: 20000,
    example: 'I waited six hours in A&E and nobody told me why.',
  })
  @IsString()
  @Length(1, 20000)
  description!: string;
}

export class CreateComplaintDto {
  @ApiProperty({
    description:
      'Code of the organisation the complaint is made to (NCT, HPFT, ITRUST or CWTH in the demo; any case); must be your own',
    example: 'HPFT',
  })
  @IsString()
  @Transform(upperCase)
  @Matches(/^[A-Z]{2,8}$/, {
    message: 'organisation must be an organisation code (2 to 8 letters, e.g. HPFT)',
  })
  organisation!: string;

  @ApiProperty({
    description:
      'R-INT-3: feedback (no response wanted), a complaint, or both. `pals-enquiry` (R-QUICK-1, profiles with a PALS route such as HPFT): resolved within 10 working days it ends there, otherwise it becomes a complaint',
    enum: SUBMISSION_KINDS,
    example: 'complaint',
  })
  @IsIn(SUBMISSION_KINDS)
  kind!: SubmissionKind;

  @ApiProperty({ description: 'R-INT-1: how it reached us', enum: CHANNELS, example: 'email' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({
    description: 'Calendar date of receipt in Europe/London (ISO date); not in the future',
    format: 'date',
    // Today (when the service started), so the example in the API docs can be sent as it is.
    example: londonDate(new Date()),
  })
  @Matches(ISO_DATE, { message: 'receivedOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601(isoDate, { message: 'receivedOn must be a real calendar date' })
  receivedOn!: string;

  @ApiPropertyOptional({
    description:
      "R-JOINT-8: set when a commissioner (ICB) forwarded it to us with the person's consent; it is then handled as made to us, our clocks running from receivedOn",
    type: ForwardedByCommissionerDto,
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ForwardedByCommissionerDto)
  forwardedBy?: ForwardedByCommissionerDto;

  @ApiPropertyOptional({
    description: 'R-INT-4: anonymous — recorded and looked into for learning, no correspondence',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({
    description: 'The person making the complaint; required unless anonymous',
    type: ComplainantDto,
  })
  @ValidateIf((dto: CreateComplaintDto) => !dto.anonymous || dto.complainant !== undefined)
  @IsDefined({ message: 'complainant is required unless the complaint is anonymous (R-INT-4)' })
  @IsObject()
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant?: ComplainantDto;

  @ApiPropertyOptional({
    description: 'R-INT-5: the person affected, where different from the complainant',
    type: PersonDto,
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  personAffected?: PersonDto;

  @ApiPropertyOptional({
    description: 'R-INT-5: required when the person affected is someone else',
    type: ConsentDto,
  })
  @ValidateIf((dto: CreateComplaintDto) => dto.personAffected !== undefined || dto.consent !== undefined)
  @IsDefined({ message: 'consent is required when the person affected is someone else (R-INT-5)' })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;

  @ApiPropertyOptional({
    description: 'R-INT-2: how the person wants replies (letter and/or email)',
    enum: REPLY_CHANNELS,
    isArray: true,
    example: ['email'],
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REPLY_CHANNELS, { each: true })
  replyChannels?: ReplyChannel[];

  @ApiPropertyOptional({
    description: 'R-INT-2: accessibility needs and reasonable adjustments',
    enum: ACCESSIBILITY_NEEDS,
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ACCESSIBILITY_NEEDS, { each: true })
  accessibilityNeeds?: AccessibilityNeed[];

  @ApiPropertyOptional({
    description: 'Adjustments agreed, in words',
    maxLength: 2000,
    example: 'Letters in 18pt; please phone before 11am',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  adjustmentsNote?: string;

  @ApiPropertyOptional({ description: "The person's language (BCP 47 tag)", example: 'en' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,3}$/, {
    message: 'preferredLanguage must be a language tag such as en or cy',
  })
  preferredLanguage?: string;

  @ApiPropertyOptional({
    description: 'R-INT-2: the issues, verbatim; at least one for a complaint',
    type: [IssueDto],
    maxItems: 50,
  })
  @ValidateIf((dto: CreateComplaintDto) => dto.kind !== 'feedback' || dto.issues !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'issues must list at least one issue' })
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IssueDto)
  issues?: IssueDto[];

  @ApiPropertyOptional({
    description: 'R-INT-2: the outcome the person seeks',
    maxLength: 10000,
    example: 'An apology and an explanation of why nobody told me what was happening',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  outcomeSought?: string;

  @ApiPropertyOptional({
    description: 'R-INT-6: date of the events complained about (ISO date)',
    format: 'date',
    example: '2026-10-30',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'incidentOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601(isoDate, { message: 'incidentOn must be a real calendar date' })
  incidentOn?: string;

  @ApiPropertyOptional({
    description: 'R-INT-6: date the complainant found out about them (ISO date)',
    format: 'date',
    example: '2026-10-30',
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'becameAwareOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601(isoDate, { message: 'becameAwareOn must be a real calendar date' })
  becameAwareOn?: string;
}
