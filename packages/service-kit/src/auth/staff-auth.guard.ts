import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { type StaffRole } from '@complaints/domain';
import { ProblemException } from '../problem-details';
import { ActiveStaff } from './active-staff';
import { IS_PUBLIC } from './public.decorator';
import { type StaffPrincipal } from './staff-token';
import { type TokenVerifier } from './token-verifier';

/** The service's token verifier (`tokenVerifierFor`). */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const ROLES = 'roles';

/** The roles (any of) an endpoint requires, beyond a valid staff token. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = Request & { staff?: StaffPrincipal };

/** The authenticated member of staff, in a controller method. */
export const CurrentStaff = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().staff!,
);

const unauthorized = (detail: string) => new ProblemException({ status: 401, title: 'Unauthorized', detail });

/**
 * Every endpoint needs a valid bearer token (401 otherwise) naming an active member of staff (401
 * otherwise) who has one of its roles (403 otherwise), unless @Public.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly activeStaff: ActiveStaff,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw unauthorized('a staff bearer token is required (Authorization: Bearer <token>)');
    const verified = await this.verifier.verify(token).catch(() => undefined);
    if (!verified) throw unauthorized('the bearer token is invalid or has expired');
    const staff = await this.activeStaff.principalFor(verified);
    if (!staff) throw unauthorized('the bearer token does not name an active member of staff');
    request.staff = staff;
    const required = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, targets);
    if (required && !required.some((role) => staff.roles.includes(role))) {
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail: `this needs one of the roles: ${required.join(', ')}`,
      });
    }
    return true;
  }
}
