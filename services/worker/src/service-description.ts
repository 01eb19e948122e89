export const SERVICE_DESCRIPTION = {
  title: 'Complaints worker',
  description:
    "Runs the complaint workflows and the case-record activities on the `complaints` task queue, and serves the Temporal Web UI's codec " +
    '(`/codec/decode`, `/codec/encode`) so operations staff, with an operations token, can read the encrypted payloads, which hold no personal data.',
};
