import { Inject, Injectable } from '@nestjs/common';
import { IsNull, LessThanOrEqual, MoreThanOrEqual, type DataSource } from 'typeorm';
import { SignOffDelegation, StaffUser } from '@complaints/db';
import {
  addCalendarDays,
  delegationCurrent,
  DELEGATION_LONGEST_DAYS,
  londonDate,
  type LocalDate,
} from '@complaints/domain';
import {
  DATA_SOURCE,
  ProblemException,
  RequestValidationException,
  type FieldProblem,
  type StaffPrincipal,
} from '@complaints/service-kit';
import type { RecordDelegationDto, SignOffDelegationDto } from './sign-off-delegation.dto';

/**
 * R-RESP-2 (ADR 0034): the Responsible Person's delegations of signing final responses — to whom, for what, from
 * and until, recorded by whom — and the one question sign-off asks of them: does this member of staff hold a
 * current one today?
 */
@Injectable()
export class SignOffDelegations {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get delegations() {
    return this.dataSource.getRepository(SignOffDelegation);
  }

  async record(dto: RecordDelegationDto, staff: StaffPrincipal): Promise<SignOffDelegationDto> {
    const today = londonDate(new Date());
    const delegatedBy = dto.delegatedBy ?? staff.id;
    const people = this.dataSource.getRepository(StaffUser);
    const [delegator, delegate] = await Promise.all(
      [delegatedBy, dto.delegateId].map((id) =>
        people.findOneBy({ id, organisationCode: staff.organisationCode }),
      ),
    );
    const errors: FieldProblem[] = [];
    if (!delegator?.active || !delegator.roles.includes('responsible-person'))
      errors.push({
        field: 'delegatedBy',
        reason: dto.delegatedBy
          ? 'is not the Responsible Person of your organisation'
          : 'is needed: you are not the Responsible Person, so name the one who delegates',
      });
    if (!delegate?.active)
      errors.push({ field: 'delegateId', reason: 'is not an active member of your staff' });
    else if (delegate.roles.includes('responsible-person'))
      errors.push({
        field: 'delegateId',
        reason: 'is the Responsible Person, who signs without a delegation',
      });
    else if (!delegate.roles.includes('senior-manager'))
      errors.push({
        field: 'delegateId',
        reason: 'is not a senior manager: the Responsible Person delegates signing to a senior manager',
      });
    if (dto.from < today) errors.push({ field: 'from', reason: `must be today (${today}) or later` });
    if (dto.until < dto.from) errors.push({ field: 'until', reason: 'must not be before from' });
    else if (dto.until > addCalendarDays(dto.from as LocalDate, DELEGATION_LONGEST_DAYS))
      errors.push({
        field: 'until',
        reason: `must be at most ${DELEGATION_LONGEST_DAYS} days after from; record it again to go on`,
      });
    if (errors.length > 0) throw new RequestValidationException(errors);
    const saved = await this.dataSource.transaction(async (manager) => {
      // One delegate's delegations are recorded one at a time, so two overlapping ones cannot both pass the check.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `sign-off-delegation:${staff.organisationCode}:${dto.delegateId}`,
      ]);
      const repository = manager.getRepository(SignOffDelegation);
      const overlapping = await repository.findOneBy({
        organisationCode: staff.organisationCode,
        delegateId: dto.delegateId,
        function: dto.function,
        startsOn: LessThanOrEqual(dto.until),
        endsOn: MoreThanOrEqual(dto.from),
        endedAt: IsNull(),
      });
      if (overlapping)
        throw new ProblemException({
          status: 409,
          title: 'Command refused',
          detail: `${dto.delegateId} already holds a delegation for ${dto.function} from ${overlapping.startsOn} until ${overlapping.endsOn} (${overlapping.id}): end it first, or record this one after ${overlapping.endsOn}`,
          rule: 'R-RESP-2',
        });
      return repository.save(
        repository.create({
          organisationCode: staff.organisationCode,
          delegatedBy,
          delegateId: dto.delegateId,
          function: dto.function,
          startsOn: dto.from,
          endsOn: dto.until,
          recordedBy: staff.id,
        }),
      );
    });
    return this.view(await this.delegations.findOneByOrFail({ id: saved.id }), today);
  }

  /** Every delegation of the organisation, newest first; `current` ones only when asked. */
  async list(staff: StaffPrincipal, currentOnly: boolean): Promise<SignOffDelegationDto[]> {
    const today = londonDate(new Date());
    const all = await this.delegations.find({
      where: { organisationCode: staff.organisationCode },
      order: { recordedAt: 'DESC' },
    });
    return all
      .map((delegation) => this.view(delegation, today))
      .filter((view) => !currentOnly || view.current);
  }

  /** Ends a delegation early, from now; it stays on the record. */
  async end(id: string, staff: StaffPrincipal): Promise<SignOffDelegationDto> {
    const delegation = await this.delegations.findOneBy({ id, organisationCode: staff.organisationCode });
    if (!delegation)
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no delegation ${id} in your organisation`,
      });
    const today = londonDate(new Date());
    if (delegation.endedAt !== null || delegation.endsOn < today)
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail:
          delegation.endedAt !== null
            ? 'the delegation is already ended'
            : `the delegation ran out on ${delegation.endsOn}`,
        rule: 'R-RESP-2',
      });
    const { affected } = await this.delegations.update(
      { id, endedAt: IsNull() },
      { endedAt: new Date(), endedBy: staff.id },
    );
    if (!affected)
      throw new ProblemException({
        status: 409,
        title: 'Command refused',
        detail: 'the delegation is already ended',
        rule: 'R-RESP-2',
      });
    return this.view(await this.delegations.findOneByOrFail({ id }), today);
  }

  /** R-RESP-2: the delegation under which this member of staff signs final responses today, if any. */
  async currentFor(staff: StaffPrincipal): Promise<SignOffDelegation | null> {
    const today = londonDate(new Date());
    const held = await this.delegations.find({
      where: {
        organisationCode: staff.organisationCode,
        delegateId: staff.id,
        function: 'final-response-sign-off',
      },
      order: { recordedAt: 'DESC' },
    });
    return held.find((delegation) => delegationCurrent(this.period(delegation), today)) ?? null;
  }

  private period(delegation: SignOffDelegation) {
    return { from: delegation.startsOn, until: delegation.endsOn, endedAt: delegation.endedAt };
  }

  private view(delegation: SignOffDelegation, today: string): SignOffDelegationDto {
    return {
      id: delegation.id,
      organisationCode: delegation.organisationCode,
      delegatedBy: delegation.delegatedBy,
      delegateId: delegation.delegateId,
      function: delegation.function,
      from: delegation.startsOn,
      until: delegation.endsOn,
      recordedBy: delegation.recordedBy,
      recordedAt: delegation.recordedAt,
      endedAt: delegation.endedAt,
      endedBy: delegation.endedBy,
      current: delegationCurrent(this.period(delegation), today),
    };
  }
}
