// R-INV-4…6: the closer look's rounds and its clock.
import { defineUpdate } from '@temporalio/workflow';
import type {
  ExtensionAgreement,
  ExtensionReason,
  LocalDate,
  PauseReason,
  ResumeReason,
  RoundKind,
} from '@complaints/domain';
import type { ClockState, DatedCommand, StaffCommand } from './lifecycle.messages';

/**
 * One pass through the closer look: the first, a reopened complaint (R-REOPEN-1) or CWTH's stage-two
 * review (R-STAGE2-1), each with its own start date and timescale.
 */
export interface Round {
  number: number;
  kind: RoundKind;
  startedOn: LocalDate;
}

/** R-INV-4: the timescale of the final response. */
export interface CloserLookState extends ClockState {
  basis: 'profile-working-days' | 'profile-calendar-months' | 'agreed-with-complainant' | 'to-be-agreed';
  /** The date agreed with the person (R-INV-4 / R-INV-5), and when; pauses after the agreement move it out. */
  agreed?: { date: LocalDate; on: LocalDate };
  extensions?: TimescaleExtension[];
}

/** R-INV-5: a final-response date moved with the person's agreement. */
export interface TimescaleExtension {
  /** The day recorded (the day of the command). */
  agreedOn: LocalDate;
  /** Who agreed, on which day and how (absent for CWTH's progress report, and before issue #12 point 3). */
  agreement?: ExtensionAgreement;
  from: LocalDate | null;
  to: LocalDate;
  reason: ExtensionReason;
  by: string;
}

/** Paused calendar days, inclusive; `end` null while still paused. Paused working days do not count. */
export interface PauseRecord {
  start: LocalDate;
  end: LocalDate | null;
  reason: PauseReason;
  by: string;
  /** Why it ended (issue #12 point 10); absent on pauses resumed before reasons were recorded. */
  resumeReason?: ResumeReason;
}

export interface AgreeTimescaleCommand extends StaffCommand {
  /** The final-response date agreed with the person (R-INV-4, PHSO model: agreed per case). */
  due: LocalDate;
}

export interface PauseClockCommand extends DatedCommand {
  reason: PauseReason;
}

export interface ResumeClockCommand extends DatedCommand {
  /** Required by the API; commands from before it was recorded have none. */
  reason?: ResumeReason;
}

export interface ExtendFinalResponseCommand extends StaffCommand {
  /** The new date agreed with the person (R-INV-5). */
  newDue: LocalDate;
  reason: ExtensionReason;
  /** R-INV-5: the person's agreement; required unless the profile sends a progress report instead (CWTH). */
  agreement?: ExtensionAgreement;
}

/** R-INV-4: record the final-response timescale agreed with the person. */
export const agreeTimescaleUpdate = defineUpdate<CloserLookState, [AgreeTimescaleCommand]>('agreeTimescale');

/** R-INV-6: pause the final-response clock from the day named (today by default) until it is resumed. */
export const pauseClockUpdate = defineUpdate<CloserLookState, [PauseClockCommand]>('pauseClock');

/** R-INV-6: the information has arrived or the hold has ended; the deadline moves out by the paused working days. */
export const resumeClockUpdate = defineUpdate<CloserLookState, [ResumeClockCommand]>('resumeClock');

/** R-INV-5: the final response will be late; a new date agreed with the person, who is told why by letter. */
export const extendFinalResponseUpdate = defineUpdate<CloserLookState, [ExtendFinalResponseCommand]>(
  'extendFinalResponse',
);
