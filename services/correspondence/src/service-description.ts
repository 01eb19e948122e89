export const SERVICE_DESCRIPTION = {
  title: 'Correspondence',
  description:
    'Templates, rendering, delivery and the log of every letter and email about a complaint. Errors are RFC 9457 problem details.',
};
