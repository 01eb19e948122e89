import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { CaseFileDisposal, LegalHold, type Complaint } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import type { CaseFileDisposalDto, LegalHoldDto } from './dto/retention.dto';

// SQLSTATEs raised by dispose_case_file() (migration 1763857600000).
const NOT_DUE = 'P0003';
const UNDER_LEGAL_HOLD = 'P0004';

/** ADR 0013: legal holds, the disposal list and a complaints manager's approval of a disposal. */
@Injectable()
export class RetentionService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async placeLegalHold(complaint: Complaint, reason: string, staff: StaffPrincipal): Promise<LegalHoldDto> {
    refuseIfDisposed(complaint);
    const holds = this.dataSource.getRepository(LegalHold);
    if (await this.activeHold(complaint.reference))
      throw new ProblemException({
        status: 409,
        title: 'Already on legal hold',
        detail: `complaint ${complaint.reference} is already under a legal hold; lift it before placing another`,
        rule: 'legal-hold',
      });
    const hold = await holds.save(
      holds.create({
        complaintReference: complaint.reference,
        reason,
        placedBy: staff.id,
        placedAt: new Date(),
      }),
    );
    return legalHoldView(hold);
  }

  async liftLegalHold(complaint: Complaint, reason: string, staff: StaffPrincipal): Promise<LegalHoldDto> {
    const hold = await this.activeHold(complaint.reference);
    if (!hold)
      throw new ProblemException({
        status: 409,
        title: 'No legal hold',
        detail: `complaint ${complaint.reference} is not under a legal hold`,
        rule: 'legal-hold',
      });
    Object.assign(hold, { liftReason: reason, liftedBy: staff.id, liftedAt: new Date() });
    await this.dataSource.getRepository(LegalHold).save(hold);
    return legalHoldView(hold);
  }

  async legalHolds(complaint: Complaint): Promise<LegalHoldDto[]> {
    const holds = await this.dataSource
      .getRepository(LegalHold)
      .find({ where: { complaintReference: complaint.reference }, order: { placedAt: 'ASC' } });
    return holds.map(legalHoldView);
  }

  /** The organisation's case files found due and not yet disposed of, oldest due first. */
  async dueForDisposal(organisationCode: string): Promise<CaseFileDisposalDto[]> {
    const due = await this.dataSource
      .getRepository(CaseFileDisposal)
      .find({ where: { organisationCode, status: 'due' }, order: { dueOn: 'ASC' } });
    return Promise.all(due.map((disposal) => this.view(disposal)));
  }

  /**
   * Disposes of the case file through the one sanctioned path, `dispose_case_file()`, in one transaction:
   * all of it goes, or nothing. Approving a disposal already carried out answers its certificate again.
   */
  async approveDisposal(complaint: Complaint, staff: StaffPrincipal): Promise<CaseFileDisposalDto> {
    try {
      await this.dataSource.query('SELECT dispose_case_file($1, $2)', [complaint.reference, staff.id]);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === UNDER_LEGAL_HOLD)
        throw new ProblemException({
          status: 409,
          title: 'Under legal hold',
          detail: `complaint ${complaint.reference} is under a legal hold; it is kept until the hold is lifted`,
          rule: 'legal-hold',
        });
      if (code === NOT_DUE)
        throw new ProblemException({
          status: 409,
          title: 'Not due for disposal',
          detail: `complaint ${complaint.reference} has not been found due for disposal by the retention review`,
          rule: 'retention-schedule',
        });
      throw error;
    }
    return this.certificate(complaint);
  }

  async certificate(complaint: Complaint): Promise<CaseFileDisposalDto> {
    const disposal = await this.dataSource
      .getRepository(CaseFileDisposal)
      .findOneBy({ complaintReference: complaint.reference });
    if (!disposal)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `complaint ${complaint.reference} has not been found due for disposal`,
      });
    return this.view(disposal);
  }

  private activeHold(complaintReference: string): Promise<LegalHold | null> {
    return this.dataSource
      .getRepository(LegalHold)
      .createQueryBuilder('hold')
      .where('hold.complaint_reference = :complaintReference AND hold.lifted_at IS NULL', {
        complaintReference,
      })
      .getOne();
  }

  private async view(disposal: CaseFileDisposal): Promise<CaseFileDisposalDto> {
    return {
      complaintReference: disposal.complaintReference,
      recordClass: disposal.recordClass,
      rule: disposal.rule,
      retentionYears: disposal.retentionYears,
      closedOn: disposal.closedOn,
      dueOn: disposal.dueOn,
      foundAt: disposal.foundAt.toISOString(),
      status: disposal.status,
      onLegalHold: (await this.activeHold(disposal.complaintReference)) !== null,
      approvedBy: disposal.approvedBy,
      disposedAt: disposal.disposedAt?.toISOString() ?? null,
      erased: disposal.erased,
    };
  }
}

function refuseIfDisposed(complaint: Complaint): void {
  if (complaint.disposedAt)
    throw new ProblemException({
      status: 409,
      title: 'Disposed of',
      detail: `the case file of complaint ${complaint.reference} was disposed of`,
      rule: 'retention-schedule',
    });
}

function legalHoldView(hold: LegalHold): LegalHoldDto {
  return {
    id: hold.id,
    complaintReference: hold.complaintReference,
    reason: hold.reason,
    placedBy: hold.placedBy,
    placedAt: hold.placedAt.toISOString(),
    liftReason: hold.liftReason,
    liftedBy: hold.liftedBy,
    liftedAt: hold.liftedAt?.toISOString() ?? null,
  };
}
