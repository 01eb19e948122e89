// R-INV-1, R-INV-3, R-STAFF-1: allocation and the clinical view.
import { defineUpdate } from '@temporalio/workflow';
import type { InvolvedHandlerReason, LocalDate } from '@complaints/domain';
import type { StaffCommand } from './lifecycle.messages';

/** R-INV-1, R-INV-3, R-STAFF-1: who looks into the complaint, who it is about, and the clinical view. */
export interface AllocationState {
  handlerId: string;
  on: LocalDate;
  by: string;
  /** Staff named as involved in the events (staff ids; they are told early, R-STAFF-1). */
  involvedStaffIds: string[];
  /** Set when the handler is among the involved, with the recorded reason explained to the person. */
  involvedHandlerReason?: InvolvedHandlerReason;
  clinicalView?: { reviewerId: string; requestedOn: LocalDate; by: string };
}

export interface AllocateCommand extends StaffCommand {
  handlerId: string;
  involvedStaffIds: string[];
  /** Required when the handler is among the involved (R-INV-1). */
  involvedHandlerReason?: InvolvedHandlerReason;
}

export interface RequestClinicalViewCommand extends StaffCommand {
  /** A suitably qualified person not involved in the events (R-INV-3). */
  reviewerId: string;
}

/** R-INV-1, R-STAFF-1: allocate the handler, record who is involved and tell them early. */
export const allocateUpdate = defineUpdate<AllocationState, [AllocateCommand]>('allocate');

/** R-INV-3: ask a suitably qualified person not involved for a clinical view. */
export const requestClinicalViewUpdate = defineUpdate<AllocationState, [RequestClinicalViewCommand]>(
  'requestClinicalView',
);
