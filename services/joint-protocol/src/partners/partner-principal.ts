import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Who is acting for a partner organisation: a signed-in partner user (their partner_user row, never the token's
 * claims), or the holder of a single-use link, limited to the one case and the one partner it was issued for.
 */
export type PartnerPrincipal =
  | { kind: 'partner-user'; id: string; partnerCode: string }
  | { kind: 'link'; id: string; partnerCode: string; complaintId: string; linkId: string };

/** `rateLimitCaller`: whose budget the request counts against (service-kit's RateLimitGuard). */
export type PartnerRequest = Request & { partner?: PartnerPrincipal; rateLimitCaller?: string };

export const CurrentPartner = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<PartnerRequest>().partner!,
);
