// The workflow workers' memory settings (ADR 0025): one reused V8 context and a sticky cache of a
// chosen size, refused when too small to run a workflow task.
import { z } from 'zod';
import { workflowSandboxConfig, workflowSandboxOptions } from '../workflow-sandbox';

const shape = z.object(workflowSandboxConfig);

it('keeps 750 workflows by default and takes another size from WORKFLOW_CACHE_SIZE', () => {
  expect(shape.parse({}).WORKFLOW_CACHE_SIZE).toBe(750);
  expect(shape.parse({ WORKFLOW_CACHE_SIZE: '250' }).WORKFLOW_CACHE_SIZE).toBe(250);
});

it('refuses a cache that cannot hold two workflows, or a size that is not a whole number', () => {
  for (const value of ['1', '0', '-5', '2.5', 'many']) {
    const result = shape.safeParse({ WORKFLOW_CACHE_SIZE: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['WORKFLOW_CACHE_SIZE']);
  }
});

it("runs 10 workflow tasks at once by default (not the SDK's 40, ADR 0026) and takes another number from WORKFLOW_TASK_SLOTS", () => {
  expect(shape.parse({}).WORKFLOW_TASK_SLOTS).toBe(10);
  expect(shape.parse({ WORKFLOW_TASK_SLOTS: '4' }).WORKFLOW_TASK_SLOTS).toBe(4);
  for (const value of ['1', '0', '3.5', 'lots']) {
    const result = shape.safeParse({ WORKFLOW_TASK_SLOTS: value });
    expect(result.error?.issues[0].path).toEqual(['WORKFLOW_TASK_SLOTS']);
  }
});

it('reuses one V8 context, caches and runs the configured numbers and compiles the verification keys in', () => {
  const options = workflowSandboxOptions({
    WORKFLOW_CACHE_SIZE: 300,
    WORKFLOW_TASK_SLOTS: 6,
    COMMAND_VERIFICATION_KEYS: 'key-a',
  });
  expect(options.reuseV8Context).toBe(true);
  expect(options.maxCachedWorkflows).toBe(300);
  expect(options.maxConcurrentWorkflowTaskExecutions).toBe(6);
  const definitions: Record<string, string>[] = [];
  class DefinePlugin {
    constructor(values: Record<string, string>) {
      definitions.push(values);
    }
    apply(): void {}
  }
  const config = options.bundlerOptions!.webpackConfigHook!({ plugins: [] }) as {
    plugins: { apply(compiler: unknown): void }[];
  };
  config.plugins[0].apply({ webpack: { DefinePlugin } });
  expect(Object.values(definitions[0])).toEqual([JSON.stringify('key-a')]);
});
