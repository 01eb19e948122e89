import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import {
  CONTACT_LIMITS,
  DECISION_ROLES,
  PERSISTENT_BEHAVIOURS,
  type ContactLimit,
  type DecisionRole,
  type PersistentBehaviour,
} from '@complaints/domain';
import { ISO_DATE } from '../../case-file/iso-date';

const BEHAVIOURS = Object.keys(PERSISTENT_BEHAVIOURS);
const LIMITS = Object.keys(CONTACT_LIMITS);

/** R-PERS-1: one member of staff who took the decision with the complaints lead, in their role. */
export class DecisionMemberDto {
  @ApiProperty({ example: 'hpft-senior-manager', maxLength: 64, description: 'Staff id' })
  @IsString()
  @Length(1, 64)
  staffId!: string;

  @ApiProperty({
    enum: DECISION_ROLES,
    example: 'managing-director',
    description: '`managing-director` (of the service) or `clinical-team`',
  })
  @IsIn(DECISION_ROLES)
  role!: DecisionRole;
}

/** R-PERS-1: the decision, proposed by the complaints lead with the managing director and the clinical team. */
export class ProposeContactLimitsDto {
  @ApiProperty({ enum: BEHAVIOURS, isArray: true, description: 'The behaviour the decision is about' })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(BEHAVIOURS, { each: true })
  behaviours!: PersistentBehaviour[];

  @ApiProperty({ enum: LIMITS, isArray: true, description: 'The limits on contact' })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(LIMITS, { each: true })
  limits!: ContactLimit[];

  @ApiProperty({
    type: () => [DecisionMemberDto],
    description:
      'Who took the decision with the complaints lead (who proposes it), each in their role (HPFT 9.3): the managing director of the service and at least one of the clinical team',
    example: [
      { staffId: 'hpft-senior-manager', role: 'managing-director' },
      { staffId: 'hpft-complaint-lead', role: 'clinical-team' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DecisionMemberDto)
  decidedBy!: DecisionMemberDto[];

  @ApiProperty({ example: '2027-05-01', description: 'When the decision is reviewed (within six months)' })
  @Matches(ISO_DATE, { message: 'reviewOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'reviewOn must be a real calendar date' })
  reviewOn!: string;

  @ApiPropertyOptional({ description: 'What led to the decision, for the record (not sent)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class ReviewContactLimitsDto {
  @ApiProperty({ enum: ['continue', 'lift'] })
  @IsIn(['continue', 'lift'])
  outcome!: 'continue' | 'lift';

  @ApiPropertyOptional({ example: '2027-11-01', description: 'Required to continue: the next review date' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'nextReviewOn must be an ISO date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'nextReviewOn must be a real calendar date' })
  nextReviewOn?: string;
}

/** R-PERS-1: a decision to limit a person's contact, as recorded. */
export class ContactRestrictionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'HPFT-2026-000101', description: 'The complaint the decision was made on' })
  complaintReference!: string;
  @ApiProperty({ example: 'HPFT' }) organisationCode!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The complainant's email, which matches their new complaints",
  })
  personEmail!: string | null;
  @ApiProperty({ enum: BEHAVIOURS, isArray: true }) behaviours!: PersistentBehaviour[];
  @ApiProperty({ enum: LIMITS, isArray: true }) limits!: ContactLimit[];
  @ApiProperty({ type: [String], description: 'Staff ids of who took the decision with the complaints lead' })
  decidedWith!: string[];
  @ApiProperty({
    type: () => [DecisionMemberDto],
    description:
      'Who took the decision with the complaints lead, each in their role (empty on decisions recorded before roles were)',
  })
  decidedBy!: DecisionMemberDto[];
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ example: '2027-05-01', description: 'When the limits are reviewed' }) reviewOn!: string;
  @ApiProperty({ enum: ['proposed', 'approved', 'lifted'] }) status!: string;
  @ApiProperty({ description: 'Staff id of the complaints lead who proposed it' }) proposedBy!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Staff id of the approver (not the proposer)' })
  approvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt!: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Deputy Chief Executive',
    description:
      "The title in which it was approved: the deputy chief executive's, or the organisation's own for them",
  })
  approvedAs!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) liftedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class ContactLimitsReviewDto {
  @ApiProperty({ example: '2027-05-01' }) on!: string;
  @ApiProperty({ description: 'Staff id' }) by!: string;
  @ApiProperty({ enum: ['continue', 'lift'] }) outcome!: 'continue' | 'lift';
  @ApiPropertyOptional({ example: '2027-08-01' }) nextReviewOn?: string;
}

export class ReviewedContactRestrictionDto extends ContactRestrictionDto {
  @ApiProperty({ type: [ContactLimitsReviewDto], description: 'Every review, oldest first' })
  reviews!: ContactLimitsReviewDto[];
}
