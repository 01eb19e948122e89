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
import { ProblemException } from '../problem-details';
import { IS_PUBLIC } from './public.decorator';
import { verifyStaffToken, type StaffPrincipal, type TokenSettings } from './staff-token';
import { type StaffRole } from '@complaints/domain';

export const TOKEN_SETTINGS = Symbol('TOKEN_SETTINGS');
const ROLES = 'roles';

/** The roles (any of) an endpoint requires, beyond a valid staff token. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(ROLES, roles);

type AuthenticatedRequest = Request & { staff?: StaffPrincipal };

/** The authenticated member of staff, in a controller method. */
export const CurrentStaff = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>().staff!,
);

/** Every endpoint needs a valid bearer token (401 otherwise) and one of its roles (403 otherwise), unless @Public. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new ProblemException({
        status: 401,
        title: 'Unauthorized',
        detail: 'a staff bearer token is required (Authorization: Bearer <token>)',
      });
    }
    try {
      request.staff = await verifyStaffToken(token, this.settings);
    } catch {
      throw new ProblemException({
        status: 401,
        title: 'Unauthorized',
        detail: 'the bearer token is invalid or has expired',
      });
    }
    const required = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, targets);
    if (required && !required.some((role) => request.staff!.roles.includes(role))) {
      throw new ProblemException({
        status: 403,
        title: 'Forbidden',
        detail: `this needs one of the roles: ${required.join(', ')}`,
      });
    }
    return true;
  }
}
