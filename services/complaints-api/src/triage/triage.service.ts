import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Complaint, ComplaintParty } from '@complaints/db';
import {
  isChildFor,
  isOutOfTime,
  writtenContactMissing,
  type RepresentativeDecision,
} from '@complaints/domain';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import {
  acknowledgeUpdate,
  decideRepresentativeUpdate,
  decideTimeLimitUpdate,
  recordConsentUpdate,
  seekConsentUpdate,
  resolveEarlyUpdate,
  type DecideTimeLimitCommand,
} from '@complaints/workflows/messages';
import { ProcedureCommands } from '../case-file/procedure-commands.service';
import { recordStaffEvent } from '../case-file/staff-event';
import type { ResolveEarlyDto } from './dto/early-resolution.dto';
import type { RecordConsentDto } from './dto/triage.dto';

/** A command refused on what the record holds (the workflow holds no personal data to judge it by). */
function refused(rule: string, detail: string): ProblemException {
  return new ProblemException({ status: 409, title: 'Command refused', detail, rule });
}

/** R-INT-5: the person the complaint is about, when a representative makes it; the reason refused otherwise. */
function personAffectedFor(complaint: Complaint, what: string): ComplaintParty {
  const person = complaint.parties.find((party) => party.role === 'person-affected');
  if (!person)
    throw refused(
      'R-INT-5',
      `${what} only where a representative complains for someone else; this complaint names no person affected`,
    );
  return person;
}

/** R-INT-5: the person affected is a child by the profile's age (HPFT: under 13) on the day of receipt. */
function requireChild(complaint: Complaint, person: ComplaintParty, what: string): void {
  if (!person.dateOfBirth)
    throw refused(
      'R-INT-5',
      `${what} needs the date of birth of the person affected; record it on the complaint first`,
    );
  if (!isChildFor(complaint.profileId, person.dateOfBirth, complaint.receivedOn))
    throw refused(
      'R-INT-5',
      `${what}: by the date of birth recorded, the person affected was not a child under the profile's age when the complaint was received`,
    );
}

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

  /**
   * R-ACK-1: a written acknowledgement counts only when it goes: by email, or as a letter queued to print with an
   * address. The record says whether it can; the workflow sends it.
   */
  acknowledge(complaint: Complaint, method: 'verbal' | 'written', staff: StaffPrincipal) {
    // Feedback and anonymous complaints are never acknowledged: the workflow refuses them under their own rules.
    if (method === 'written' && !complaint.anonymous && complaint.kind !== 'feedback') {
      const complainant = complaint.parties.find((party) => party.role === 'complainant');
      const missing = writtenContactMissing({
        replyChannels: complaint.replyChannels,
        email: complainant?.email ?? null,
        hasPostalAddress: Boolean(complainant?.address),
      });
      if (missing) throw refused('R-ACK-1', missing);
    }
    return this.commands.send(complaint, acknowledgeUpdate, { method, by: staff.id });
  }

  /** R-INT-5: consent is sought only from a person affected, where a representative complains for them. */
  seekConsent(complaint: Complaint, staff: StaffPrincipal) {
    personAffectedFor(complaint, 'consent is sought');
    return this.commands.send(complaint, seekConsentUpdate, { by: staff.id });
  }

  /** R-INT-5: a representative is stopped only where there is one; for a child, only when the person is one. */
  decideRepresentative(complaint: Complaint, decision: RepresentativeDecision, staff: StaffPrincipal) {
    const person = personAffectedFor(complaint, 'a decision about the representative is taken');
    if (decision === 'no-reasonable-grounds-for-child')
      requireChild(complaint, person, "deciding on a child's representative");
    return this.commands.send(complaint, decideRepresentativeUpdate, { decision, by: staff.id });
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
    const personAffected = personAffectedFor(complaint, 'consent is recorded');
    if (dto.outcome === 'not-needed' && dto.reason === 'child')
      requireChild(complaint, personAffected, 'consent is not needed for a child');
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
          void (await consent(personAffected.consentStatus, personAffected.consentNotNeededReason)),
      },
    );
  }
}
