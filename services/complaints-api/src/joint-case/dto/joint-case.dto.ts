import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LEAD_FACTORS, type LeadFactor } from '@complaints/domain';
import { ISO_DATE } from '../../case-file/iso-date';
import { upperCase } from '../../case-file/transforms';

const isoDate = { strict: true, strictSeparator: true } as const;

/** One organisation of the protocol that the complaint concerns, with what R-JOINT-1 weighs. */
export class JointMemberDto {
  @ApiProperty({ description: "The member's code in the protocol", example: 'HCCACS' })
  @IsString()
  @Length(2, 8)
  @Transform(upperCase)
  code!: string;

  @ApiPropertyOptional({
    description:
      'R-JOINT-2: merely copied in — it records its copy and sends no acknowledgement; it cannot lead',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  copiedOnly?: boolean;

  @ApiProperty({
    description: "The complaint's issues (ids) this organisation answers for; a partner sees only these",
    type: [String],
    example: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'issueIds must be the ids of the complaint’s issues' })
  issueIds!: string[];

  @ApiProperty({
    description: 'R-JOINT-1 primary focus: how serious its part is, 1 (minor) to 5 (most serious)',
    minimum: 1,
    maximum: 5,
    example: 3,
  })
  @IsInt()
  @Min(1)
  @Max(5)
  seriousness!: number;

  @ApiPropertyOptional({
    description: 'R-JOINT-1 first receipt: when it received the complaint (ISO date), if it did',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'receivedOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601(isoDate, { message: 'receivedOn must be a real calendar date' })
  receivedOn?: string;

  @ApiPropertyOptional({ description: 'R-JOINT-1: the person asked for this organisation to lead' })
  @IsOptional()
  @IsBoolean()
  complainantPrefers?: boolean;

  @ApiPropertyOptional({ description: 'R-JOINT-1: the complaint bears most on its governance' })
  @IsOptional()
  @IsBoolean()
  governanceImpact?: boolean;

  @ApiPropertyOptional({ description: 'R-JOINT-1: it has ongoing contact with the person' })
  @IsOptional()
  @IsBoolean()
  ongoingContact?: boolean;

  @ApiPropertyOptional({
    description: 'R-JOINT-1 consent: false when the person does not want this organisation to lead',
  })
  @IsOptional()
  @IsBoolean()
  consentToLead?: boolean;
}

/** R-JOINT-1: the complaint is handled under a joint protocol. */
export class MakeJointDto {
  @ApiProperty({ description: 'The joint protocol', example: 'hertfordshire' })
  @IsString()
  @Length(1, 32)
  protocol!: string;

  @ApiProperty({
    description:
      "Every organisation the complaint concerns, this complaint's own organisation included (it is the lead)",
    type: [JointMemberDto],
    example: [
      {
        code: 'HPFT',
        issueIds: [],
        seriousness: 3,
        receivedOn: new Date().toISOString().slice(0, 10),
        ongoingContact: true,
      },
      { code: 'HCCACS', issueIds: [], seriousness: 2 },
      { code: 'ENHT', copiedOnly: true, issueIds: [], seriousness: 1 },
    ],
  })
  @IsArray()
  @ArrayMinSize(2, { message: 'members must name at least the lead and one partner' })
  @ArrayMaxSize(12)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => JointMemberDto)
  members!: JointMemberDto[];

  @ApiProperty({
    description: 'The member that received the complaint first (it may have passed it to the lead)',
    example: 'HPFT',
  })
  @IsString()
  @Length(2, 8)
  @Transform(upperCase)
  receivedBy!: string;

  @ApiPropertyOptional({
    description:
      'The lead as decided, when staff decide otherwise than the proposal of R-JOINT-1 (then give decisive and reasons)',
    example: 'HPFT',
  })
  @IsOptional()
  @IsString()
  @Length(2, 8)
  @Transform(upperCase)
  lead?: string;

  @ApiPropertyOptional({
    description:
      'With `lead`: the factors that decided it. `commissioner-handles` (R-JOINT-8, PHSO model 12.3): the ICB the complaint was made to handles it itself, and the provider co-operates as a partner through the joint-protocol service',
    enum: LEAD_FACTORS,
    isArray: true,
    example: ['ongoing-contact'],
  })
  @ValidateIf((dto: MakeJointDto) => dto.lead !== undefined || dto.decisive !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'decisive must name the factors that decided the lead' })
  @IsIn(LEAD_FACTORS, { each: true })
  decisive?: LeadFactor[];

  @ApiPropertyOptional({
    description: 'Why this lead, in words (required with `lead`)',
    example: 'HPFT has ongoing contact with the person and the council agreed.',
  })
  @ValidateIf((dto: MakeJointDto) => dto.lead !== undefined || dto.reasons !== undefined)
  @IsString()
  @Length(1, 2000)
  reasons?: string;

  @ApiPropertyOptional({
    description: 'R-JOINT-3: complex — the partners hold a co-ordination meeting or call',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  complex?: boolean;
}

export const RECORDABLE_CONSENT = ['sought', 'given', 'refused'] as const;

/** R-JOINT-2: consent to share the person's information with one partner. */
export class RecordSharingConsentDto {
  @ApiProperty({ enum: RECORDABLE_CONSENT, example: 'given' })
  @IsIn(RECORDABLE_CONSENT)
  consent!: (typeof RECORDABLE_CONSENT)[number];
}

/** R-JOINT-2: an organisation merely copied in records when its copy arrived. */
export class RecordCopyDto {
  @ApiProperty({ format: 'date', example: new Date().toISOString().slice(0, 10) })
  @Matches(ISO_DATE, { message: 'receivedOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601(isoDate, { message: 'receivedOn must be a real calendar date' })
  receivedOn!: string;
}

export class JointMemberViewDto {
  @ApiProperty({ example: 'HCCACS' }) code!: string;
  @ApiProperty({ example: 'Hertfordshire County Council Adult Care Services' }) name!: string;
  @ApiProperty({ example: 'council-adult-care' }) kind!: string;
  @ApiProperty({ description: 'health (PHSO) or social-care (LGSCO)', example: 'social-care' }) care!: string;
  @ApiProperty({ enum: ['lead', 'partner', 'copied'] }) role!: string;
  @ApiProperty({ type: [String] }) issueIds!: string[];
  @ApiProperty({
    description: 'R-JOINT-2: until given, the partner sees only that a joint case exists',
    enum: ['not-sought', 'sought', 'given', 'refused'],
  })
  consent!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) consentRecordedAt!:
    string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'A copied organisation: when its copy arrived',
  })
  copyReceivedOn!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'R-JOINT-7: withdrew, its part resolved',
  })
  withdrawnAt!: string | null;
}

export class LeadDecisionDto {
  @ApiProperty({ enum: LEAD_FACTORS, isArray: true }) decisive!: string[];
  @ApiProperty() reasons!: string;
  @ApiProperty({ description: 'The lead R-JOINT-1 proposed from the factors given', example: 'HPFT' })
  proposed!: string;
}

export class JointProcessDto {
  @ApiProperty({ description: 'Draft versions shared with the partners, with their approval deadline' })
  shared!: { version: number; approvalDueOn: string }[];
  @ApiProperty({ type: [Number], description: 'Versions every partner approved (R-JOINT-5)' })
  approvedVersions!: number[];
}

/** The lead's view of its joint case. */
export class JointCaseViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'hertfordshire' }) protocol!: string;
  @ApiProperty({ example: 'HPFT' }) lead!: string;
  @ApiProperty({ example: 'HPFT' }) receivedBy!: string;
  @ApiProperty({ description: "The lead's clocks run from this date (R-JOINT-2)", format: 'date' })
  leadReceivedOn!: string;
  @ApiProperty({ type: LeadDecisionDto }) leadDecision!: LeadDecisionDto;
  @ApiProperty() decidedBy!: string;
  @ApiProperty() complex!: boolean;
  @ApiProperty({ type: [JointMemberViewDto] }) members!: JointMemberViewDto[];
  @ApiPropertyOptional({ type: JointProcessDto, nullable: true, description: 'As the workflow keeps it' })
  process!: JointProcessDto | null;
}
