import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { jwtVerify } from 'jose';
import { ProblemException } from '@complaints/service-kit';

export const PUBLIC_INTAKE_KEY = Symbol('PUBLIC_INTAKE_KEY');
/** Who signs, and for what: the public web service, for this endpoint only (ADR 0022). */
export const PUBLIC_INTAKE_ISSUER = 'public-web';
export const PUBLIC_INTAKE_AUDIENCE = 'complaints-public-intake';

/**
 * The public web service holds no staff token: it signs each submission's request with the key it shares
 * with the API (HS256, one minute). Without a configured key the endpoint does not exist.
 */
@Injectable()
export class PublicIntakeGuard implements CanActivate {
  private readonly key?: Uint8Array;

  constructor(@Inject(PUBLIC_INTAKE_KEY) key: string | undefined) {
    this.key = key ? new TextEncoder().encode(key) : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.key) throw new ProblemException({ status: 404, title: 'Not Found', detail: 'no such route' });
    const request = context.switchToHttp().getRequest<Request>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const verified =
      scheme?.toLowerCase() === 'bearer' && token
        ? await jwtVerify(token, this.key, {
            algorithms: ['HS256'],
            issuer: PUBLIC_INTAKE_ISSUER,
            audience: PUBLIC_INTAKE_AUDIENCE,
            maxTokenAge: '2 minutes',
          }).catch(() => undefined)
        : undefined;
    if (!verified)
      throw new ProblemException({
        status: 401,
        title: 'Unauthorized',
        detail: 'only the public web service may submit here (a signed intake token is required)',
      });
    return true;
  }
}
