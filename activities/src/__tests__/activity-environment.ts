// Temporal's MockActivityEnvironment: runs the real activity function with a real activity Context, as a
// worker would. @temporalio/testing is a dependency of @complaints/testing, not of this package, so it is
// resolved from there (same pinned SDK version, hence the same @temporalio/activity module instance).
import type { Info } from '@temporalio/activity';
import type { Logger } from '@temporalio/common';

export interface ActivityEnvironment {
  run<A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R>;
}

type ActivityEnvironmentConstructor = new (
  info?: Partial<Info>,
  options?: { logger?: Logger },
) => ActivityEnvironment;

/** The SDK logs every failed attempt; the tests assert on the failures themselves, so the log stays quiet. */
const quiet: Logger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const testingPackage = require.resolve('@complaints/testing');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MockActivityEnvironment } = require(
  require.resolve('@temporalio/testing', { paths: [testingPackage] }),
) as {
  MockActivityEnvironment: ActivityEnvironmentConstructor;
};

export function activityEnvironment(info?: Partial<Info>): ActivityEnvironment {
  return new MockActivityEnvironment(info, { logger: quiet });
}
