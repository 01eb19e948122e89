import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  CommandSigningInterceptor,
  ensureSearchAttributes,
  withCommandVerificationKeys,
} from '@complaints/temporal/client';

/** An Ed25519 key pair as the API (COMMAND_SIGNING_KEY) and the workers (COMMAND_VERIFICATION_KEYS) hold it. */
export interface CommandKeys {
  signingKey: string;
  verificationKeys: string;
}

/** An Ed25519 private key in PKCS#8 is this prefix and the 32 bytes; its SubjectPublicKeyInfo ends with the public key. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

// Not generateKeyPairSync and a JWK export: on Node 20 a garbage collection during the export can deadlock.
export function makeCommandKeys(): CommandKeys {
  const seed = randomBytes(32);
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).subarray(-32);
  return { signingKey: seed.toString('base64url'), verificationKeys: publicKey.toString('base64url') };
}

/** The key pair of this test process: the API's client signs with it, the bundle trusts it. */
export const TEST_COMMAND_KEYS: CommandKeys = makeCommandKeys();

function requiredPath(variable: string): string {
  const value = process.env[variable];
  if (!value)
    throw new Error(
      `${variable} is not set: run the tests with the README's test command, which provisions it`,
    );
  return value;
}

async function withSearchAttributes(env: TestWorkflowEnvironment): Promise<TestWorkflowEnvironment> {
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/**
 * Temporal's time-skipping test server, from the binary the test command provisioned
 * (TEMPORAL_TEST_SERVER_PATH), with the workflows' search attributes registered. With `commandSigningKey`,
 * `env.client` signs its Updates as the complaints API does, by the server's (skipped) clock.
 */
export async function createTimeSkippingEnvironment(
  options: { commandSigningKey?: string } = {},
): Promise<TestWorkflowEnvironment> {
  // Called only once the environment exists, for each Update it signs.
  const serverClock = (): Promise<number> => env.currentTimeMs();
  const env: TestWorkflowEnvironment = await startingAgain(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: requiredPath('TEMPORAL_TEST_SERVER_PATH') } },
      client: options.commandSigningKey
        ? {
            interceptors: {
              workflow: [new CommandSigningInterceptor(options.commandSigningKey, 'default', serverClock)],
            },
          }
        : undefined,
    }),
  );
  return withSearchAttributes(env);
}

// The SDK gives a server 5 seconds to accept connections; a JVM starting on a busy 2-core machine can
// miss that. Starting the server is infrastructure, not the behaviour under test, so it is tried again.
async function startingAgain<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !/Failed to start ephemeral server/.test(String(error))) throw error;
    }
  }
}

/** A Temporal dev server started from the provisioned CLI (TEMPORAL_CLI_PATH). */
export async function createLocalEnvironment(): Promise<TestWorkflowEnvironment> {
  return withSearchAttributes(
    await startingAgain(() =>
      TestWorkflowEnvironment.createLocal({
        server: { executable: { type: 'existing-path', path: requiredPath('TEMPORAL_CLI_PATH') }, ui: false },
      }),
    ),
  );
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

export interface BundleOptions {
  /** The interceptor modules a worker registers (the workflows' command signature check). */
  workflowInterceptorModules?: string[];
  /** The public keys whose commands the bundle takes (none: it refuses every command). */
  commandVerificationKeys?: string;
  failureConverterPath?: string;
}

/** The workflow bundle, built once per test process and options (bundling takes seconds; workers share it). */
export function workflowBundle(
  workflowsPath: string,
  options: BundleOptions = {},
): Promise<WorkflowBundleWithSourceMap> {
  const id = JSON.stringify([workflowsPath, options]);
  if (!bundles.has(id))
    bundles.set(
      id,
      bundleWorkflowCode({
        workflowsPath,
        workflowInterceptorModules: options.workflowInterceptorModules,
        failureConverterPath: options.failureConverterPath,
        webpackConfigHook: options.commandVerificationKeys
          ? withCommandVerificationKeys(options.commandVerificationKeys)
          : undefined,
      }),
    );
  return bundles.get(id)!;
}
