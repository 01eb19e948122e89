// Runs sendCorrespondence once in a process of its own, against the real Postgres and SMTP server, for the kill
// test (send-correspondence-delivery.test.ts). It uses the built package (`dist`, as the worker does): the test
// command builds before it tests.
//
// Input: SEND_INPUT (the activity input as JSON), DATABASE_URL, SMTP_URL, MESSAGE_ID_DOMAIN.
// Fault injection, only here and only when FAULT_PAUSE_AFTER_SMTP_SEND=1: once the SMTP server has taken the
// message, the process prints `smtp-accepted` and waits, before the outcome is recorded, for the test to kill it.
const {
  createCorrespondenceActivities,
  createSmtpMailer,
  TemplateRenderer,
} = require('@complaints/activities/correspondence');
const { openDataSource } = require('@complaints/db');
// As a worker runs it: in an activity of the complaint's own workflow (the activity checks it is its own).
const { MockActivityEnvironment } = require(
  require.resolve('@temporalio/testing', { paths: [require.resolve('@complaints/testing')] }),
);

async function main() {
  const input = JSON.parse(process.env.SEND_INPUT);
  const dataSource = await openDataSource(process.env.DATABASE_URL, {
    poolSize: 2,
    applicationName: 'send-in-child-process',
  });
  const smtp = createSmtpMailer(process.env.SMTP_URL);
  const mailer =
    process.env.FAULT_PAUSE_AFTER_SMTP_SEND === '1'
      ? {
          async send(email) {
            await smtp.send(email);
            process.stdout.write('smtp-accepted\n');
            await new Promise(() => setInterval(() => undefined, 60_000));
          },
          close: () => smtp.close(),
        }
      : smtp;
  const activities = createCorrespondenceActivities({
    dataSource,
    mailer,
    renderer: new TemplateRenderer(),
    messageIdDomain: process.env.MESSAGE_ID_DOMAIN,
    defaultFrom: '"NHS complaints" <complaints@test.example>',
  });
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const environment = new MockActivityEnvironment(
    { workflowExecution: { workflowId: input.reference, runId: 'send-in-child-process' } },
    { logger: quiet },
  );
  const result = await environment.run(activities.sendCorrespondence, input);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  mailer.close();
  await dataSource.destroy();
}

main().catch((error) => {
  process.stderr.write(`${error.name}: ${error.message}\n`);
  process.exit(1);
});
