export const SERVICE_DESCRIPTION = {
  title: 'Joint protocol',
  description:
    'Partner organisations working on one joint response to a complaint that spans several organisations (procedure §6). Errors are RFC 9457 problem details.',
};
