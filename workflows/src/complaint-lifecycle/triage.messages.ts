// R-INT-5/6/7: triage decisions.
import { defineUpdate } from '@temporalio/workflow';
import type { LocalDate, OutOfScopeMatter, RepresentativeDecision } from '@complaints/domain';
import type { StaffCommand } from './lifecycle.messages';

/** Triage decisions (R-INT-5, R-INT-6, R-INT-7), as recorded. */
export interface TriageState {
  scope?: { whole: boolean; matter: OutOfScopeMatter; on: LocalDate; by: string };
  timeLimit?: { decision: 'considered' | 'not-considered'; on: LocalDate; by: string };
  consent?: {
    status: 'sought' | 'given' | 'not-needed' | 'refused';
    soughtOn?: LocalDate;
    decidedOn?: LocalDate;
  };
  representative?: { decision: RepresentativeDecision; on: LocalDate; by: string };
}

export interface DecideScopeCommand extends StaffCommand {
  /** The whole complaint is out of scope (it closes), or only part of it (it goes on). */
  whole: boolean;
  matter: OutOfScopeMatter;
}

export interface DecideTimeLimitCommand extends StaffCommand {
  /** R-INT-6: a good reason for the delay and still possible to investigate properly, or not. */
  decision: 'considered' | 'not-considered';
}

export interface DecideRepresentativeCommand extends StaffCommand {
  decision: RepresentativeDecision;
}

export interface RecordConsentCommand extends StaffCommand {
  /** `refused`: the person affected does not consent, so the representative cannot act for them (it closes). */
  outcome: 'given' | 'not-needed' | 'refused';
}

/** R-INT-7: all or part of the complaint is outside the procedure; the person is told in writing, with signposting. */
export const decideScopeUpdate = defineUpdate<TriageState, [DecideScopeCommand]>('decideScope');

/** R-INT-6: a complaint made after the time limit is considered, or the person is told why not. */
export const decideTimeLimitUpdate = defineUpdate<TriageState, [DecideTimeLimitCommand]>('decideTimeLimit');

/** R-INT-5: the representative may not go on; written reasons with the Ombudsman's details, and the complaint closes. */
export const decideRepresentativeUpdate = defineUpdate<TriageState, [DecideRepresentativeCommand]>(
  'decideRepresentative',
);

/** R-INT-5: ask for the affected person's consent; the final-response clock pauses meanwhile (R-INV-6). */
export const seekConsentUpdate = defineUpdate<TriageState, [StaffCommand]>('seekConsent');

/**
 * R-INT-5: consent given (or not needed: the person died, is a child, or lacks capacity), or refused; the clock
 * resumes. Refused consent ends the representative's complaint with written reasons and the Ombudsman's details.
 */
export const recordConsentUpdate = defineUpdate<TriageState, [RecordConsentCommand]>('recordConsent');
