import { applyDecorators } from '@nestjs/common';
import { ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

/** OpenAPI response descriptions shared by the complaints controllers. */
export const PROBLEM = { description: 'RFC 9457 problem details (application/problem+json)' };
export const REFUSED = { ...PROBLEM, description: 'The procedure does not allow this now; `rule` names why' };

/** Every staff endpoint: a token is needed, and the user's roles and organisation must allow the call. */
export const StaffApiResponses = () =>
  applyDecorators(
    ApiUnauthorizedResponse({ description: 'No valid staff token' }),
    ApiForbiddenResponse({ description: 'Your roles or organisation do not allow this' }),
  );
