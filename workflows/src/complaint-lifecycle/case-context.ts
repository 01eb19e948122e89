import type { CaseEventInput, CaseProjection } from '@complaints/activities/case-record';
import type { Audience } from '@complaints/activities/correspondence';
import type { LocalDate, PolicyProfile, WorkingDayCalendar } from '@complaints/domain';
import type {
  ClockState,
  CloserLookState,
  ComplaintLifecycleInput,
  ComplaintProcessState,
  PauseRecord,
} from './messages';
import { type PauseReason, type Stage } from '@complaints/domain';

export const SYSTEM = { type: 'system', id: 'workflow' } as const;

export function staff(id: string): CaseEventInput['actor'] {
  return { type: 'staff', id };
}

/** A piece of correspondence the workflow decides is due; the correspondence service renders and delivers it. */
export interface Letter {
  /** Unique per complaint: the idempotency key of the item, with the reference. */
  step: string;
  template: string;
  audience: Audience;
  rule: string;
  facts?: Record<string, string | number | boolean | null>;
  /** Staff id of who approved it (R-RESP-2, R-INV-7), recorded on the item as its `approved` step. */
  approvedBy?: string;
}

export interface ClockOptions {
  /** Who is reminded the working day before (default: the handler). */
  remind?: Audience;
  /** Who hears of a breach (default: the complaints managers). */
  escalate?: Audience;
}

/** What each stage of the procedure shares: the complaint's facts, its state and the ways to act on them. */
export interface CaseContext {
  input: ComplaintLifecycleInput;
  profile: PolicyProfile;
  calendar: WorkingDayCalendar;
  state: ComplaintProcessState;
  isClosed(): boolean;
  /** Today in London, by the workflow's clock. */
  today(): LocalDate;
  /** In an update validator: refuses unless the complaint is open and at one of `stages`. */
  requireStage(stages: Stage | readonly Stage[], rule: string, reason: string): void;
  /** Appends to the case timeline and keeps the worklist projection and search attributes in step. */
  record(
    type: string,
    rule: string | undefined,
    actor: CaseEventInput['actor'],
    data?: Record<string, unknown>,
    extra?: CaseProjection,
  ): Promise<void>;
  /** Sends now, from the main flow, and records it on the timeline. */
  send(letter: Letter): Promise<void>;
  /** Queues a letter from an update handler; the dispatcher sends it, so the command answers at once. */
  post(letter: Letter): void;
  /** Keeps one deadline that may move: reminder the working day before, escalation when missed. */
  keepClock(
    clock: ClockState,
    name: string,
    rule: string,
    done: () => boolean,
    options?: ClockOptions,
  ): Promise<void>;
  /** R-INV-6: the open pause of the final-response clock, if any. */
  openPause(): PauseRecord | undefined;
  pauseFinalResponseClock(reason: PauseReason, by: string): Promise<CloserLookState>;
  /** R-INV-4: the final-response date agreed with the person from today (pauses after today move it out). */
  agreeFinalResponseDate(date: LocalDate): CloserLookState;
  resumeFinalResponseClock(by: string): Promise<CloserLookState>;
}
