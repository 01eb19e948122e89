import {
  createParamDecorator,
  Inject,
  Injectable,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import { ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { Complaint } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM } from './api-responses';

interface CaseFileRequest {
  reference: string;
  staff: StaffPrincipal;
}

/**
 * The one door to a complaint (R-INT-8): every complaint a member of staff acts on or reads by reference is
 * opened here, so this is the single place where access to a complaint is decided. Today: the staff of the
 * complaint's own organisation; any other complaint is 404, its existence not disclosed.
 */
@Injectable()
export class CaseFileAccess implements PipeTransform<CaseFileRequest, Promise<Complaint>> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  transform({ reference, staff }: CaseFileRequest): Promise<Complaint> {
    return this.open(reference, staff);
  }

  async open(reference: string, staff: StaffPrincipal): Promise<Complaint> {
    const complaint = await this.dataSource
      .getRepository(Complaint)
      .findOne({ where: { reference }, relations: { parties: true, issues: true } });
    if (!complaint || complaint.organisationCode !== staff.organisationCode) {
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no complaint ${reference} in your organisation`,
      });
    }
    return complaint;
  }
}

const caseFileRequest = createParamDecorator((_: unknown, context: ExecutionContext): CaseFileRequest => {
  const request = context.switchToHttp().getRequest<Request & { staff: StaffPrincipal }>();
  return { reference: String(request.params.reference), staff: request.staff };
});

/**
 * The complaint of the route's `:reference`, opened through {@link CaseFileAccess} for the current member of
 * staff (404 when they may not see it). Documents the path parameter and the 404.
 */
export const CaseFile = (): ParameterDecorator => (target, key, index) => {
  caseFileRequest(undefined, CaseFileAccess)(target, key, index);
  const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
  ApiParam({ name: 'reference', description: 'The complaint reference', example: 'HPFT-2026-000123' })(
    target,
    key!,
    descriptor,
  );
  ApiNotFoundResponse(PROBLEM)(target, key!, descriptor);
};
