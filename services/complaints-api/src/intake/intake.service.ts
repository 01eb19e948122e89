import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import {
  CaseEvent,
  Complaint,
  ComplaintIssue,
  ComplaintParty,
  Organisation,
  PartnerOrganisation,
} from '@complaints/db';
import {
  CHILD_UNDER_YEARS,
  isChildFor,
  openingDeadlines,
  takesPalsEnquiries,
  createWorkingDayCalendar,
  formatComplaintReference,
  getProfile,
  londonDate,
  initialStage,
} from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type FieldProblem,
  type StaffPrincipal,
} from '@complaints/service-kit';
import { ComplaintWorkflowStarter } from './complaint-workflow.starter';
import type { CreateComplaintDto } from './dto/create-complaint.dto';

export interface IntakeResult {
  complaint: Complaint;
  /** True when an earlier request with the same Idempotency-Key created it. */
  replayed: boolean;
}

/** Who takes a complaint in: a member of staff, or the public web form (ADR 0022). */
export type IntakeTaker = Pick<StaffPrincipal, 'id' | 'organisationCode'> & {
  actorType?: CaseEvent['actorType'];
};

/** The public web form as the taker: a system component, recorded as `public-web`. */
export const WEB_FORM_INTAKE = { id: 'public-web', actorType: 'system' } as const;

const UNIQUE_VIOLATION = '23505';
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * R-INT-1/R-INT-2: takes a complaint (or feedback) in, records it with its people and issues, and starts
 * its workflow. The record is committed first; the workflow start follows, and the outbox relay covers
 * a process that dies in between, so every accepted complaint reaches its workflow.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly starter: ComplaintWorkflowStarter,
  ) {}

  async receive(dto: CreateComplaintDto, staff: IntakeTaker, idempotencyKey?: string): Promise<IntakeResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new RequestValidationException([
        { field: 'Idempotency-Key', reason: 'must be 1 to 200 visible ASCII characters' },
      ]);
    }
    const organisation = await this.dataSource
      .getRepository(Organisation)
      .findOneBy({ code: dto.organisation });
    if (!organisation)
      throw new RequestValidationException([
        { field: 'organisation', reason: `no organisation has the code ${dto.organisation}` },
      ]);
    if (organisation.code !== staff.organisationCode) {
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail: 'you can record complaints only for your own organisation',
        rule: 'R-INT-8',
      });
    }
    this.checkDates(dto);
    dto = this.consentForChild(dto, organisation, staff);
    this.checkKind(dto, organisation);
    await this.checkForwarding(dto);

    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    if (idempotencyKey) {
      const earlier = await this.findByIdempotencyKey(organisation.code, idempotencyKey, requestHash);
      if (earlier) return { complaint: earlier, replayed: true };
    }

    let complaint: Complaint;
    try {
      complaint = await this.dataSource.transaction((manager) =>
        this.record(manager, dto, organisation, staff, idempotencyKey ?? null, requestHash),
      );
    } catch (error) {
      // Two requests with one key raced: the second finds the first's complaint.
      if (
        idempotencyKey &&
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        const earlier = await this.findByIdempotencyKey(organisation.code, idempotencyKey, requestHash);
        if (earlier) return { complaint: earlier, replayed: true };
      }
      throw error;
    }

    try {
      await this.starter.start(complaint);
    } catch (error) {
      this.logger.warn(
        { reference: complaint.reference, err: { type: (error as Error).name } },
        'workflow start deferred to the outbox relay',
      );
    }
    return { complaint, replayed: false };
  }

  private async findByIdempotencyKey(
    organisationCode: string,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<Complaint | null> {
    const earlier = await this.dataSource
      .getRepository(Complaint)
      .findOneBy({ organisationCode, idempotencyKey });
    if (earlier && earlier.requestHash !== requestHash) {
      throw new ProblemException({
        status: 422,
        title: 'Idempotency-Key reused',
        detail: `the Idempotency-Key was already used for a different request (complaint ${earlier.reference}); use a new key for a new complaint`,
      });
    }
    return earlier;
  }

  /** R-JOINT-8: only a commissioner forwards a complaint to us, and it had it before we did. */
  private async checkForwarding(dto: CreateComplaintDto): Promise<void> {
    if (!dto.forwardedBy) return;
    const problems: FieldProblem[] = [];
    const commissioner = await this.dataSource
      .getRepository(PartnerOrganisation)
      .findOneBy({ code: dto.forwardedBy.commissionerCode });
    if (!commissioner || commissioner.kind !== 'icb')
      problems.push({
        field: 'forwardedBy.commissionerCode',
        reason: `${dto.forwardedBy.commissionerCode} is not a commissioner (an ICB) of a joint protocol`,
      });
    if (dto.forwardedBy.commissionerReceivedOn > dto.receivedOn)
      problems.push({
        field: 'forwardedBy.commissionerReceivedOn',
        reason: `must not be after the date we received it (${dto.receivedOn})`,
      });
    if (problems.length > 0) throw new RequestValidationException(problems);
  }

  /** R-QUICK-1: only an organisation with a PALS route takes PALS enquiries, and they name someone to reply to. */
  private checkKind(dto: CreateComplaintDto, organisation: Organisation): void {
    if (dto.kind !== 'pals-enquiry') return;
    const profile = getProfile(organisation.profileId, organisation.profileVersion);
    if (!takesPalsEnquiries(profile))
      throw new RequestValidationException([
        {
          field: 'kind',
          reason: `${profile.name} has no PALS enquiry route (R-QUICK-1); record a complaint`,
        },
      ]);
    if (dto.anonymous)
      throw new RequestValidationException([
        {
          field: 'anonymous',
          reason: 'a PALS enquiry is resolved with the person, so it cannot be anonymous',
        },
      ]);
  }

  /**
   * R-INT-5: consent is not needed for a child by the profile's age (HPFT: under 13) on the day of receipt, as
   * the date of birth given shows. Staff are told when it does not hold; from the public form (whose person
   * only said "a child") the complaint is recorded with consent still to be sought, as for anyone else.
   */
  private consentForChild(
    dto: CreateComplaintDto,
    organisation: Organisation,
    staff: IntakeTaker,
  ): CreateComplaintDto {
    const dateOfBirth = dto.personAffected?.dateOfBirth;
    if (dto.consent?.status !== 'not-needed' || dto.consent.reason !== 'child' || !dateOfBirth) return dto;
    if (isChildFor(organisation.profileId, dateOfBirth, dto.receivedOn)) return dto;
    if (staff.id === WEB_FORM_INTAKE.id)
      return { ...dto, consent: { status: 'pending' } } as CreateComplaintDto;
    throw new RequestValidationException([
      {
        field: 'consent.reason',
        reason: `by personAffected.dateOfBirth the person affected was not under ${CHILD_UNDER_YEARS[organisation.profileId]} on the date of receipt, so their consent is needed (R-INT-5)`,
      },
    ]);
  }

  /** Cross-field date rules the DTO cannot express. */
  private checkDates(dto: CreateComplaintDto): void {
    const today = londonDate(new Date());
    const problems: FieldProblem[] = [];
    if (dto.receivedOn > today)
      problems.push({
        field: 'receivedOn',
        reason: `must not be in the future (today in London is ${today})`,
      });
    const notAfterReceipt: [string, string | undefined][] = [
      ['complainant.dateOfBirth', dto.complainant?.dateOfBirth],
      ['personAffected.dateOfBirth', dto.personAffected?.dateOfBirth],
      ['incidentOn', dto.incidentOn],
      ['becameAwareOn', dto.becameAwareOn],
    ];
    for (const [field, value] of notAfterReceipt) {
      if (value && value > dto.receivedOn)
        problems.push({ field, reason: `must not be after the date of receipt (${dto.receivedOn})` });
    }
    if (problems.length > 0) throw new RequestValidationException(problems);
  }

  private async record(
    manager: EntityManager,
    dto: CreateComplaintDto,
    organisation: Organisation,
    staff: IntakeTaker,
    idempotencyKey: string | null,
    requestHash: string,
  ): Promise<Complaint> {
    const profile = getProfile(organisation.profileId, organisation.profileVersion);
    const anonymous = dto.anonymous ?? false;
    const calendar = createWorkingDayCalendar({
      nation: organisation.nation,
      closureDays: organisation.closureDays,
    });
    const opening = openingDeadlines(profile, { ...dto, anonymous }, calendar);
    const reference = await this.nextReference(
      manager,
      organisation.code,
      Number(dto.receivedOn.slice(0, 4)),
    );

    const complaint = manager.create(Complaint, {
      reference,
      organisationCode: organisation.code,
      kind: dto.kind,
      anonymous,
      channel: dto.channel,
      receivedOn: dto.receivedOn,
      forwardedByCode: dto.forwardedBy?.commissionerCode ?? null,
      commissionerReceivedOn: dto.forwardedBy?.commissionerReceivedOn ?? null,
      incidentOn: dto.incidentOn ?? null,
      becameAwareOn: dto.becameAwareOn ?? null,
      profileId: profile.id,
      profileVersion: profile.version,
      replyChannels: dto.replyChannels ?? [],
      accessibilityNeeds: dto.accessibilityNeeds ?? [],
      adjustmentsNote: dto.adjustmentsNote ?? null,
      preferredLanguage: dto.preferredLanguage ?? null,
      outcomeSought: dto.outcomeSought ?? null,
      stage: initialStage({ kind: dto.kind, anonymous }),
      deadlines: opening.acknowledgement
        ? { acknowledgement: opening.acknowledgement }
        : dto.kind === 'pals-enquiry' && opening.quickResolution
          ? { palsEnquiry: opening.quickResolution }
          : {},
      nextDeadline: opening.next,
      idempotencyKey,
      requestHash,
      createdBy: staff.id,
      parties: this.parties(manager, dto),
      issues: (dto.issues ?? []).map((issue, position) =>
        manager.create(ComplaintIssue, { position, description: issue.description }),
      ),
    });
    await manager.save(complaint);
    await manager.insert(CaseEvent, {
      complaintId: complaint.id,
      occurredAt: new Date(),
      actorType: staff.actorType ?? 'staff',
      actorId: staff.id,
      type: 'complaint-received',
      rule: 'R-INT-1',
      data: {
        kind: dto.kind,
        channel: dto.channel,
        receivedOn: dto.receivedOn,
        anonymous,
        profile: `${profile.id}@${profile.version}`,
        // R-JOINT-8: forwarded by a commissioner, and handled as made to us.
        ...(dto.forwardedBy
          ? {
              forwardedBy: dto.forwardedBy.commissionerCode,
              commissionerReceivedOn: dto.forwardedBy.commissionerReceivedOn,
            }
          : {}),
      },
    });
    return complaint;
  }

  private parties(manager: EntityManager, dto: CreateComplaintDto): ComplaintParty[] {
    const parties: ComplaintParty[] = [];
    if (dto.complainant) {
      const { name, dateOfBirth, address, email, phone, relationship } = dto.complainant;
      parties.push(
        manager.create(ComplaintParty, {
          role: 'complainant',
          name,
          dateOfBirth: dateOfBirth ?? null,
          address: address ?? null,
          email: email ?? null,
          phone: phone ?? null,
          relationship,
        }),
      );
    }
    if (dto.personAffected) {
      const { name, dateOfBirth, address, email, phone } = dto.personAffected;
      parties.push(
        manager.create(ComplaintParty, {
          role: 'person-affected',
          name,
          dateOfBirth: dateOfBirth ?? null,
          address: address ?? null,
          email: email ?? null,
          phone: phone ?? null,
          consentStatus: dto.consent?.status ?? null,
          consentNotNeededReason: dto.consent?.reason ?? null,
        }),
      );
    }
    return parties;
  }

  /** HPFT-2026-000123: a gap-free sequence per organisation and year of receipt. */
  private async nextReference(
    manager: EntityManager,
    organisationCode: string,
    year: number,
  ): Promise<string> {
    const [{ last_value: sequence }] = await manager.query(
      `INSERT INTO complaint_reference_sequence (organisation_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (organisation_code, year) DO UPDATE SET last_value = complaint_reference_sequence.last_value + 1
       RETURNING last_value`,
      [organisationCode, year],
    );
    return formatComplaintReference(organisationCode, year, sequence);
  }
}
