import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AUDIENCES, ProblemException, type TokenVerifier } from '@complaints/service-kit';

/** The audience of the tokens that open the codec: operations staff, through the Temporal Web UI. */
export const OPERATIONS_AUDIENCE = AUDIENCES.operations;

export const OPERATIONS_TOKEN_VERIFIER = Symbol('OPERATIONS_TOKEN_VERIFIER');

/**
 * The codec decrypts and encrypts anything: only a valid operations token opens it (401 otherwise). The
 * Temporal UI passes the signed-in user's access token (TEMPORAL_CODEC_PASS_ACCESS_TOKEN). Operations staff
 * belong to no organisation, so the token is not bound to a staff_user row: its audience is the permission.
 */
@Injectable()
export class OperationsTokenGuard implements CanActivate {
  constructor(@Inject(OPERATIONS_TOKEN_VERIFIER) private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw unauthorized('an operations bearer token is required (Authorization: Bearer <token>)');
    try {
      await this.verifier.verify(token);
    } catch {
      throw unauthorized('the bearer token is invalid, has expired or is not for operations');
    }
    return true;
  }
}

const unauthorized = (detail: string) => new ProblemException({ status: 401, title: 'Unauthorized', detail });
