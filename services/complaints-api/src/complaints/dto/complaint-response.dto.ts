import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPLAINT_OUTCOMES, FINDING_OUTCOMES } from '@complaints/domain';
import { PlanActionDto, LearningPointDto } from '../../action-plan/action-plan.dto';

export class ProfilePinDto {
  @ApiProperty({ example: 'hpft', description: 'Policy profile pinned at intake' })
  id!: string;

  @ApiProperty({ example: 1 })
  version!: number;
}

export class DeadlinesDto {
  @ApiPropertyOptional({
    type: String,
    example: '2026-12-07',
    description:
      'R-QUICK-1 (HPFT): a PALS enquiry not resolved by the end of this day becomes a complaint, received the next day',
    nullable: true,
  })
  palsEnquiry?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '2026-11-26',
    description: 'R-ACK-1: acknowledge by the end of this day (London)',
    nullable: true,
  })
  acknowledgement?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '2026-12-07',
    description: 'R-ER-1: the early-resolution aim (PHSO model, HPFT), moved by agreed extensions',
    nullable: true,
  })
  earlyResolution?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '2027-01-14',
    description:
      'R-INV-4: the final response is due by the end of this day; null while paused or until agreed (PHSO model)',
    nullable: true,
  })
  finalResponse?: string | null;
}

export class ComplaintCreatedDto {
  @ApiProperty({ example: 'HPFT-2026-000123', description: 'The complaint reference, also its workflow ID' })
  reference!: string;

  @ApiProperty({ example: 'HPFT' })
  organisation!: string;

  @ApiProperty({ example: 'complaint' })
  kind!: string;

  @ApiProperty({ type: ProfilePinDto })
  profile!: ProfilePinDto;

  @ApiProperty({ example: 'awaiting-acknowledgement' })
  stage!: string;

  @ApiProperty({
    type: DeadlinesDto,
    description: 'Deadlines as ISO dates; a deadline is met by action on or before that date',
  })
  deadlines!: DeadlinesDto;
}

export class TimelineEventDto {
  @ApiProperty({ example: '2026-11-23T10:15:00.000Z' })
  occurredAt!: string;

  @ApiProperty({ example: 'acknowledged' })
  type!: string;

  @ApiPropertyOptional({ type: String, example: 'R-ACK-1', nullable: true })
  rule!: string | null;

  @ApiProperty({ example: { type: 'staff', id: 'hpft-handler' } })
  actor!: { type: string; id: string };

  @ApiProperty({ example: { method: 'written', onTime: true } })
  data!: Record<string, unknown>;
}

export class PersonViewDto {
  @ApiProperty() role!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dateOfBirth!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone!: string | null;
  @ApiPropertyOptional({ nullable: true }) address!: { lines: string[]; postcode: string } | null;
  @ApiPropertyOptional({ type: String, nullable: true }) relationship!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) consentStatus!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) consentNotNeededReason!: string | null;
}

export class IssueViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "In the person's own words" }) description!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'R-MON-1 (KO41a) subject area; null until coded',
  })
  subjectArea!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'R-MON-1 service area; null until coded',
  })
  serviceArea!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'R-MON-1 (KO41a) staff group; null until coded',
  })
  staffGroup!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    enum: FINDING_OUTCOMES,
    description: 'R-MON-1: the finding of the final response last sent on this issue; null until one is',
  })
  outcome!: string | null;
}

export class ContactLimitsViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The complaint the decision was made on', example: 'HPFT-2026-000101' })
  setOn!: string;
  @ApiProperty({ type: [String], example: ['one-contact-per-week'] }) limits!: string[];
  @ApiProperty({ example: '2027-05-01' }) reviewOn!: string;
}

export class ComplaintDetailDto extends ComplaintCreatedDto {
  @ApiProperty({
    type: [ContactLimitsViewDto],
    description:
      'R-PERS-1: limits on contact in force for this complainant (matched by email), from any of their complaints. For information: they never stop a new, genuine complaint being handled.',
  })
  contactLimits!: ContactLimitsViewDto[];
  @ApiProperty({ example: 'email' }) channel!: string;
  @ApiProperty({ example: '2026-11-23' }) receivedOn!: string;
  @ApiPropertyOptional({
    nullable: true,
    description: 'R-JOINT-8: the commissioner (ICB) that forwarded it to us with consent',
    example: 'HWEICB',
  })
  forwardedBy!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'R-JOINT-8: when the commissioner received it; our clocks run from receivedOn',
    example: '2026-11-20',
  })
  commissionerReceivedOn!: string | null;
  @ApiProperty() anonymous!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-26' }) nextDeadline!: string | null;
  @ApiProperty({ description: 'A deadline of this complaint has been missed' }) breached!: boolean;
  @ApiProperty({
    description: "Six months without a final response: under the Responsible Person's oversight (R-INV-7)",
  })
  underOversight!: boolean;
  @ApiPropertyOptional({ nullable: true, enum: ['straightforward', 'complex'], description: 'R-MON-2' })
  complexity!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: COMPLAINT_OUTCOMES,
    description:
      "R-MON-1: the overall outcome of the final response's findings (KO41a: upheld when every issue is, partially when some are), or how the complaint ended without one (resolved early or on the quick route, withdrawn, out of scope, out of time); null while open",
  })
  outcome!: string | null;
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'R-MON-1: the final response went by the date agreed at the start (before any extension)',
  })
  metAgreedTimescale!: boolean | null;
  @ApiPropertyOptional({ type: String, nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) handlerId!: string | null;
  @ApiProperty({ type: [String] }) replyChannels!: string[];
  @ApiProperty({ type: [String] }) accessibilityNeeds!: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) adjustmentsNote!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) outcomeSought!: string | null;
  @ApiProperty({ type: [PersonViewDto] }) people!: PersonViewDto[];
  @ApiProperty({
    type: [IssueViewDto],
    description: 'The issues, verbatim; a final-response finding names its issue by `id`',
  })
  issues!: IssueViewDto[];
  @ApiProperty({ type: [LearningPointDto], description: 'R-MON-1: what the case taught, oldest first' })
  learning!: LearningPointDto[];
  @ApiProperty({
    type: [PlanActionDto],
    description:
      'The action plan: the actions promised in the final response (R-RESP-4) and those the learning led to, with owner, date, status and evidence',
  })
  actions!: PlanActionDto[];
  @ApiProperty({ type: [TimelineEventDto], description: 'The append-only case timeline, oldest first' })
  timeline!: TimelineEventDto[];
}

export class WorklistItemDto {
  @ApiProperty() reference!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() receivedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) nextDeadline!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiProperty({ description: "Under the Responsible Person's oversight (R-INV-7)" })
  underOversight!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) handlerId!: string | null;
  @ApiProperty({ type: DeadlinesDto }) deadlines!: DeadlinesDto;
}

export class WorklistPageDto {
  @ApiProperty({ type: [WorklistItemDto] }) items!: WorklistItemDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 25 }) pageSize!: number;
  @ApiProperty({ example: 120 }) total!: number;
}
