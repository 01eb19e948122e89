// Smoke test: both Temporal servers start from the binaries the test command provisioned
// (the Maven Central test server behind its wrapper, and the Temporal CLI built from the Go module proxy).
import { createLocalEnvironment, createTimeSkippingEnvironment } from '../temporal';

jest.setTimeout(120_000);

it('the time-skipping test server starts and skips time', async () => {
  const env = await createTimeSkippingEnvironment();
  try {
    expect(env.supportsTimeSkipping).toBe(true);
    const before = await env.currentTimeMs();
    await env.sleep('30 days');
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * 86_400_000);
  } finally {
    await env.teardown();
  }
});

it('the Temporal dev server starts from the provisioned CLI and accepts search attributes', async () => {
  const env = await createLocalEnvironment();
  try {
    expect(env.supportsTimeSkipping).toBe(false);
    const info = await env.connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/^\d+\.\d+/);
    const attributes = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(Object.keys(attributes.customAttributes ?? {})).toEqual(
      expect.arrayContaining(['ComplaintReference', 'Organisation', 'Stage', 'NextDeadline', 'Breached']),
    );
  } finally {
    await env.teardown();
  }
});
