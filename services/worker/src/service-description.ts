export const SERVICE_DESCRIPTION = {
  title: 'Complaints worker',
  description:
    'Runs the complaint workflows and the case-record activities on the `complaints` task queue. Only /health is served.',
};
