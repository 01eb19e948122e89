/** OpenAPI response descriptions shared by the complaints controllers. */
export const PROBLEM = { description: 'RFC 9457 problem details (application/problem+json)' };
export const REFUSED = { ...PROBLEM, description: 'The procedure does not allow this now; `rule` names why' };
