import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  RESUME_REASONS,
  type ApproverRole,
  type LocalDate,
  type PauseReason,
  type ResumeReason,
  type Stage,
} from '@complaints/domain';

// What the complaint's workflow answers to a command: its own state for the part of the procedure the
// command touched (the types of @complaints/workflows/messages, described for the API docs).

const DATE = { type: String, format: 'date', example: '2026-12-07' } as const;
const NULLABLE_DATE = { ...DATE, nullable: true } as const;

export class ClockDto {
  @ApiProperty({
    ...NULLABLE_DATE,
    description: 'Due by the end of this day (London); null while no date applies',
  })
  due!: LocalDate | null;
  @ApiPropertyOptional({ description: 'When the reminder for the working day before was sent' })
  reminderSentAt?: string;
  @ApiPropertyOptional({ description: 'When the deadline was missed and escalated' })
  breachedAt?: string;
}

export class QuickRouteDto extends ClockDto {
  @ApiPropertyOptional({
    enum: ['resolved', 'becomes-complaint'],
    description: 'R-QUICK-1: resolved with the person satisfied, or it became a complaint',
  })
  outcome?: 'resolved' | 'becomes-complaint';
  @ApiPropertyOptional(DATE) on?: LocalDate;
  @ApiPropertyOptional({ description: 'Staff id' }) by?: string;
}

export class EarlyResolutionExtensionDto {
  @ApiProperty(DATE) agreedOn!: LocalDate;
  @ApiProperty(DATE) from!: LocalDate;
  @ApiProperty(DATE) to!: LocalDate;
  @ApiProperty({ description: 'Staff id' }) by!: string;
}

export class EarlyResolutionDto extends ClockDto {
  @ApiProperty({ type: [EarlyResolutionExtensionDto], description: 'R-ER-1: the aim moved by agreement' })
  extensions!: EarlyResolutionExtensionDto[];
  @ApiPropertyOptional({ enum: ['resolved', 'closer-look'], description: 'How early resolution ended' })
  outcome?: 'resolved' | 'closer-look';
}

export class TimescaleExtensionDto {
  @ApiProperty(DATE) agreedOn!: LocalDate;
  @ApiProperty(NULLABLE_DATE) from!: LocalDate | null;
  @ApiProperty(DATE) to!: LocalDate;
  @ApiProperty({ description: 'R-INV-5: why the final response is late' }) reason!: string;
  @ApiProperty({ description: 'Staff id' }) by!: string;
}

export class AgreedDateDto {
  @ApiProperty(DATE) date!: LocalDate;
  @ApiProperty({ ...DATE, description: 'When it was agreed' }) on!: LocalDate;
}

export class CloserLookDto extends ClockDto {
  @ApiProperty({
    enum: ['profile-working-days', 'profile-calendar-months', 'agreed-with-complainant', 'to-be-agreed'],
    description: "R-INV-4: where the final-response date comes from: the profile's timescale or an agreement",
  })
  basis!: string;
  @ApiPropertyOptional({
    type: AgreedDateDto,
    description: 'The date agreed with the person (R-INV-4, R-INV-5)',
  })
  agreed?: AgreedDateDto;
  @ApiPropertyOptional({ type: [TimescaleExtensionDto], description: 'R-INV-5: new dates agreed' })
  extensions?: TimescaleExtensionDto[];
}

export class TriageDto {
  @ApiPropertyOptional({ description: 'R-INT-7: `{ whole, matter, on, by }`, as decided' })
  scope?: { whole: boolean; matter: string; on: LocalDate; by: string };
  @ApiPropertyOptional({ description: 'R-INT-6: `{ decision, on, by }`, as decided' })
  timeLimit?: { decision: 'considered' | 'not-considered'; on: LocalDate; by: string };
  @ApiPropertyOptional({
    description: 'R-INT-5: `{ status: sought | given | not-needed | refused, soughtOn?, decidedOn? }`',
  })
  consent?: {
    status: 'sought' | 'given' | 'not-needed' | 'refused';
    soughtOn?: LocalDate;
    decidedOn?: LocalDate;
  };
  @ApiPropertyOptional({ description: 'R-INT-5: `{ decision, on, by }` on the representative' })
  representative?: { decision: string; on: LocalDate; by: string };
}

export class ClinicalViewDto {
  @ApiProperty({ description: 'Staff id of the suitably qualified person not involved (R-INV-3)' })
  reviewerId!: string;
  @ApiProperty(DATE) requestedOn!: LocalDate;
  @ApiProperty({ description: 'Staff id' }) by!: string;
}

export class AllocationDto {
  @ApiProperty({ description: 'R-INV-1: the Complaint Handler/Investigator (staff id)' }) handlerId!: string;
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty({ description: 'Staff id' }) by!: string;
  @ApiProperty({ type: [String], description: 'R-STAFF-1: staff named as involved, told early' })
  involvedStaffIds!: string[];
  @ApiPropertyOptional({
    description: 'R-INV-1: why the handler is among the involved, explained to the person',
  })
  involvedHandlerReason?: string;
  @ApiPropertyOptional({ type: ClinicalViewDto }) clinicalView?: ClinicalViewDto;
}

/** R-INV-2: the summary of a plan version (its words stay in Postgres). */
export class PlanSummaryDto {
  @ApiProperty({ description: 'The plan version' }) version!: number;
  @ApiProperty({ type: [String], description: "The key issues agreed (the complaint's issue ids)" })
  keyIssueIds!: string[];
  @ApiProperty({ description: 'Staff id of who responds' }) respondentId!: string;
  @ApiProperty({ description: 'How the response is given', example: 'letter' }) responseMethod!: string;
  @ApiProperty({ description: 'Advocacy was signposted early' }) advocacySignposted!: boolean;
  @ApiProperty({ ...NULLABLE_DATE, description: 'R-INV-4: the final-response date agreed, if any' })
  agreedDue!: LocalDate | null;
}

export class AgreedPlanDto extends PlanSummaryDto {
  @ApiProperty(DATE) agreedOn!: LocalDate;
  @ApiProperty({ description: 'Staff id' }) by!: string;
}

export class ApprovalDto {
  @ApiProperty({ enum: ['complaints-team-check', 'chief-executive-approval', 'sign-off'] }) step!: string;
  @ApiProperty({ enum: ['responsible-person', 'senior-manager', 'complaints-manager'] }) role!: ApproverRole;
  @ApiProperty({ description: 'Staff id' }) by!: string;
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty({ description: 'The final-response version approved' }) version!: number;
}

export class FinalResponseDto {
  @ApiPropertyOptional({ description: 'R-INV-8: `{ on, by, commentsRecorded }`' })
  outcomeShared?: { on: LocalDate; by: string; commentsRecorded: boolean };
  @ApiPropertyOptional({
    description: 'R-RESP-2: `{ summary, by, on }`: the version submitted, as its summary',
  })
  submitted?: { summary: unknown; by: string; on: LocalDate };
  @ApiProperty({ type: [ApprovalDto], description: "R-RESP-2: the steps of the profile's chain signed off" })
  approvals!: ApprovalDto[];
  @ApiPropertyOptional({ description: 'R-RESP-3: `{ on, version, onTime, ombudsman }` once sent' })
  sent?: { on: LocalDate; version: number; onTime: boolean | null; ombudsman: string };
}

export class PromisedActionDto {
  @ApiProperty({ example: 'action-1' }) id!: string;
  @ApiProperty({ description: 'Staff id of who carries it out' }) ownerId!: string;
  @ApiProperty(DATE) due!: LocalDate;
  @ApiPropertyOptional({ ...DATE, description: 'R-RESP-4: done on this day' }) completedOn?: LocalDate;
}

export class SixMonthApprovalDto {
  @ApiProperty({ description: 'Staff id' }) by!: string;
  @ApiProperty({ enum: ['responsible-person', 'senior-manager'] }) role!: ApproverRole;
  @ApiProperty(DATE) on!: LocalDate;
  @ApiProperty({ ...DATE, description: 'The likely timescale given in the letter' }) likelyBy!: LocalDate;
}

export class SixMonthDto extends ClockDto {
  @ApiProperty({ ...DATE, description: 'Six calendar months from receipt (R-INV-7)' }) reachedOn!: LocalDate;
  @ApiPropertyOptional({ type: SixMonthApprovalDto }) approval?: SixMonthApprovalDto;
  @ApiPropertyOptional({ ...DATE, description: 'When the letter went' }) sentOn?: LocalDate;
}

export class PauseDto {
  @ApiProperty(DATE) start!: LocalDate;
  @ApiProperty({ ...NULLABLE_DATE, description: 'null while still paused' }) end!: LocalDate | null;
  @ApiProperty({ description: 'R-INV-6: why the clock paused' }) reason!: PauseReason;
  @ApiProperty({ description: 'Staff id' }) by!: string;
  @ApiPropertyOptional({
    enum: RESUME_REASONS,
    description:
      'Why the clock started again (absent while paused, and on pauses resumed before reasons were kept)',
  })
  resumeReason?: ResumeReason;
}

/** The whole process state, as the workflow holds it (answered to a withdrawal). */
export class ProcessStateDto {
  @ApiProperty({ example: 'HPFT-2026-000123' }) reference!: string;
  @ApiProperty({ example: 'withdrawn', description: 'Where the complaint is in the procedure' })
  stage!: Stage;
  @ApiProperty({ example: { id: 'hpft', version: 1 }, description: 'The policy profile pinned at intake' })
  profile!: { id: string; version: number };
  @ApiPropertyOptional({ type: QuickRouteDto }) quickRoute?: QuickRouteDto;
  @ApiPropertyOptional({ description: 'R-ACK-1: `{ due, acknowledgedOn?, method?, onTime?, … }`' })
  acknowledgement?: { due: LocalDate };
  @ApiPropertyOptional({ type: EarlyResolutionDto }) earlyResolution?: EarlyResolutionDto;
  @ApiPropertyOptional({ type: CloserLookDto }) closerLook?: CloserLookDto;
  @ApiPropertyOptional({ type: [PauseDto] }) pauses?: PauseDto[];
  @ApiPropertyOptional({ description: 'The closer look under way: `{ number, kind, startedOn }`' })
  round?: { number: number; kind: string; startedOn: LocalDate };
  @ApiPropertyOptional({ type: TriageDto }) triage?: TriageDto;
  @ApiPropertyOptional({ type: AllocationDto }) allocation?: AllocationDto;
  @ApiPropertyOptional({ type: AgreedPlanDto }) plan?: AgreedPlanDto;
  @ApiPropertyOptional({ type: FinalResponseDto }) finalResponse?: FinalResponseDto;
  @ApiPropertyOptional({ type: [PromisedActionDto] }) actions?: PromisedActionDto[];
  @ApiPropertyOptional({ type: SixMonthDto }) sixMonths?: SixMonthDto;
  @ApiPropertyOptional({ description: "R-INV-7: under the Responsible Person's oversight" })
  underOversight?: boolean;
  @ApiProperty({ description: 'A deadline of this complaint has been missed' }) breached!: boolean;
  @ApiProperty(NULLABLE_DATE) nextDeadline!: LocalDate | null;
  @ApiPropertyOptional({ description: 'Set once the complaint is closed: `{ at, reason }`' })
  closed?: { at: string; reason: string };
}
