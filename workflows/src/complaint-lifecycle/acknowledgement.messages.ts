// R-ACK-1: the acknowledgement.
import { defineUpdate } from '@temporalio/workflow';
import type { LocalDate } from '@complaints/domain';

export interface AcknowledgementState {
  due: LocalDate;
  acknowledgedAt?: string;
  acknowledgedOn?: LocalDate;
  method?: 'verbal' | 'written';
  by?: string;
  onTime?: boolean;
  reminderSentAt?: string;
  breachedAt?: string;
}

export interface AcknowledgeCommand {
  method: 'verbal' | 'written';
  /** Staff user id. */
  by: string;
}

export interface AcknowledgeResult {
  acknowledgedOn: LocalDate;
  due: LocalDate;
  onTime: boolean;
  method: 'verbal' | 'written';
}

/** R-ACK-1: staff record the acknowledgement; a written one sends the profile's acknowledgement letter. */
export const acknowledgeUpdate = defineUpdate<AcknowledgeResult, [AcknowledgeCommand]>('acknowledge');
