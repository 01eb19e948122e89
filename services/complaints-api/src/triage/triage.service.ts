import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Complaint, ComplaintParty } from '@complaints/db';
import { isOutOfTime } from '@complaints/domain';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import {
  decideTimeLimitUpdate,
  recordConsentUpdate,
  resolveEarlyUpdate,
  type DecideTimeLimitCommand,
} from '@complaints/workflows/messages';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { recordStaffEvent } from '../case-file/staff-event';
import type { ResolveEarlyDto } from './dto/early-resolution.dto';
import type { RecordConsentDto } from './dto/triage.dto';

/** The triage commands that do more than pass the staff member's decision on to the workflow. */
@Injectable()
export class TriageService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: ProcedureCommands,
  ) {}

  /**
   * R-ER-1: the summary is personal text, kept in the record for the letter and never sent to the workflow.
   * Writing it is on the timeline; so is taking it back when the workflow refuses the command.
   */
  resolveEarly(complaint: Complaint, dto: ResolveEarlyDto, staff: StaffPrincipal) {
    const summary = (earlyResolutionSummary: string | null, type: string) =>
      this.dataSource.transaction(async (manager) => {
        await manager.update(Complaint, { id: complaint.id }, { earlyResolutionSummary });
        await recordStaffEvent(manager, complaint.id, staff, { type, rule: 'R-ER-1' });
      });
    return this.commands.send(
      complaint,
      resolveEarlyUpdate,
      { by: staff.id },
      {
        write: () => summary(dto.summary, 'early-resolution-summary-written'),
        undo: () => summary(complaint.earlyResolutionSummary, 'early-resolution-summary-withdrawn'),
      },
    );
  }

  /** R-INT-6: a time-limit decision is taken only on a complaint made after the 12-month limit. */
  decideTimeLimit(complaint: Complaint, decision: DecideTimeLimitCommand['decision'], staff: StaffPrincipal) {
    if (!isOutOfTime(complaint.receivedOn, complaint.incidentOn, complaint.becameAwareOn)) {
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: 'the complaint was made within 12 months of the incident or of when the person found out',
        rule: 'R-INT-6',
      });
    }
    return this.commands.send(complaint, decideTimeLimitUpdate, { decision, by: staff.id });
  }

  /**
   * R-INT-5: consent is recorded on the person affected — the correspondence service sends their information to
   * a representative only with it recorded — and the workflow resumes a clock paused for it.
   */
  recordConsent(complaint: Complaint, dto: RecordConsentDto, staff: StaffPrincipal) {
    const personAffected = complaint.parties.find((party) => party.role === 'person-affected');
    const consent = (
      consentStatus: ComplaintParty['consentStatus'],
      consentNotNeededReason: ComplaintParty['consentNotNeededReason'],
    ) =>
      this.dataSource
        .createQueryBuilder()
        .update(ComplaintParty)
        .set({ consentStatus, consentNotNeededReason })
        .where('complaint_id = :id AND role = :role', { id: complaint.id, role: 'person-affected' })
        .execute();
    return this.commands.send(
      complaint,
      recordConsentUpdate,
      { outcome: dto.outcome, by: staff.id },
      {
        write: async () =>
          void (await consent(dto.outcome, dto.outcome === 'not-needed' ? (dto.reason ?? null) : null)),
        undo: async () =>
          void (await consent(
            personAffected?.consentStatus ?? null,
            personAffected?.consentNotNeededReason ?? null,
          )),
      },
    );
  }
}
