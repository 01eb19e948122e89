export const SERVICE_DESCRIPTION = {
  title: 'Complaints API',
  description:
    'Intake and the internal API of the complaints team: complaints, worklists and staff commands, following the NHS complaints procedure ' +
    '(rule IDs such as R-ACK-1 refer to the procedure specification). Every endpoint except /health and /docs needs a staff bearer token. ' +
    'Errors are RFC 9457 problem details (application/problem+json) naming each invalid field, or the rule that refuses a command.',
};
