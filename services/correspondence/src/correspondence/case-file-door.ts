import {
  Inject,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { Correspondence, openCaseFile, recordAccess, type AccessAction } from '@complaints/db';
import { DATA_SOURCE, ProblemException, type StaffPrincipal } from '@complaints/service-kit';

const ACCESS_ACTION = 'case-file:access-action';

/** What a route does with the file, for the access log; without it, GET is `view` and anything else `act`. */
export const AccessAs = (action: AccessAction) => SetMetadata(ACCESS_ACTION, action);

export function notFound(detail: string): ProblemException {
  return new ProblemException({ status: 404, title: 'Not found', detail });
}

type DoorRequest = Request & { staff?: StaffPrincipal; id?: unknown };

/**
 * R-INT-8 in the correspondence service: every route that touches a complaint — by `:reference`, or by a piece
 * of correspondence's `:id` — opens it through the need-to-know policy the complaints API uses
 * (`openCaseFile`, docs/adr/0011-need-to-know.md), which records the access either way. Refused is 404, before
 * any pipe or handler runs.
 */
@Injectable()
export class CaseFileDoor implements NestInterceptor {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<DoorRequest>();
    const staff = request.staff;
    const path = (request.route as { path?: string } | undefined)?.path ?? request.path;
    if (!staff) return next.handle();
    const access = {
      staff,
      action:
        this.reflector.get<AccessAction | undefined>(ACCESS_ACTION, context.getHandler()) ??
        (request.method === 'GET' ? 'view' : 'act'),
      resource: `${request.method} ${path}`,
      requestId: typeof request.id === 'string' ? request.id : null,
    } as const;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    let reference = params.reference;
    if (reference === undefined && path.startsWith('/correspondence/:id')) {
      const id = String(params.id);
      // Not an id at all: the route's pipe answers 400 naming it, and no complaint is touched.
      if (!isUUID(id)) return next.handle();
      const item = await this.dataSource
        .getRepository(Correspondence)
        .findOne({ where: { id }, select: { id: true, complaintReference: true } });
      if (!item) {
        await recordAccess(this.dataSource.manager, access, {
          complaintReference: null,
          outcome: 'refused',
          basis: null,
          purpose: null,
        });
        throw notFound(`no correspondence ${id} that you may open`);
      }
      reference = item.complaintReference;
    }
    if (reference !== undefined && !(await openCaseFile(this.dataSource, reference, access))) {
      throw notFound(
        params.id
          ? `no correspondence ${params.id} that you may open`
          : `no complaint ${reference} that you may open`,
      );
    }
    return next.handle();
  }
}
