import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { Complaint, openCaseFile, type AccessAction, type AccessRequest } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';
import { PROBLEM } from './api-responses';

const ACCESS_ACTION = 'case-file:access-action';

/** What a route does with the file, for the access log; without it, GET is `view` and anything else `act`. */
export const AccessAs = (action: AccessAction) => SetMetadata(ACCESS_ACTION, action);

export type CaseFileRequest = Request & { staff?: StaffPrincipal; caseFile?: Complaint; id?: unknown };

/** The access-log description of this request: who, which route, what they do with it. */
export function accessRequest(
  request: CaseFileRequest,
  action: AccessAction | undefined,
  staff: StaffPrincipal,
): AccessRequest {
  return {
    staff,
    action: action ?? (request.method === 'GET' ? 'view' : 'act'),
    resource: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
    requestId: typeof request.id === 'string' ? request.id : null,
  };
}

/**
 * The one door to a complaint (R-INT-8, docs/adr/0011-need-to-know.md): every complaint a member of staff acts
 * on or reads is opened here. The need-to-know policy decides (its case team, the organisation's complaints
 * managers, approvers and overseers, a break-glass grant; never staff named as involved, never another
 * organisation), the access is recorded in the access log either way, and a refusal is 404, the complaint's
 * existence not disclosed.
 */
@Injectable()
export class CaseFileAccess {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async open(reference: string, access: AccessRequest): Promise<Complaint> {
    const opened = await openCaseFile(this.dataSource, reference, access);
    const complaint =
      opened &&
      (await this.dataSource
        .getRepository(Complaint)
        .findOne({ where: { id: opened.complaintId }, relations: { parties: true, issues: true } }));
    if (!complaint) {
      throw new ProblemException({
        status: 404,
        title: 'Not found',
        detail: `no complaint ${reference} that you may open`,
      });
    }
    return complaint;
  }
}

/**
 * Opens the case file of every route with a `:reference`, before any pipe or handler runs, so no route can
 * forget the door or its access-log entry, and a refused member of staff learns nothing from validation.
 */
@Injectable()
export class CaseFileInterceptor implements NestInterceptor {
  constructor(
    private readonly access: CaseFileAccess,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<CaseFileRequest>();
    const reference = request.params?.reference;
    if (typeof reference === 'string' && request.staff) {
      const action = this.reflector.get<AccessAction | undefined>(ACCESS_ACTION, context.getHandler());
      request.caseFile = await this.access.open(reference, accessRequest(request, action, request.staff));
    }
    return next.handle();
  }
}

const openedCaseFile = createParamDecorator((_: unknown, context: ExecutionContext): Complaint => {
  const complaint = context.switchToHttp().getRequest<CaseFileRequest>().caseFile;
  if (!complaint)
    throw new Error('@CaseFile() needs a route with :reference (opened by CaseFileInterceptor)');
  return complaint;
});

/**
 * The complaint of the route's `:reference`, opened through {@link CaseFileAccess} for the current member of
 * staff (404 when they may not see it). Documents the path parameter and the 404.
 */
export const CaseFile = (): ParameterDecorator => (target, key, index) => {
  openedCaseFile()(target, key, index);
  const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
  ApiParam({ name: 'reference', description: 'The complaint reference', example: 'HPFT-2026-000123' })(
    target,
    key!,
    descriptor,
  );
  ApiNotFoundResponse({
    ...PROBLEM,
    description: 'No such complaint, or not yours to open (R-INT-8 need-to-know: its case team only)',
  })(target, key!, descriptor);
};
