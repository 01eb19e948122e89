// A complaint's workflow lives for months across many releases: every saved history (histories/*.json,
// real runs of each path) must replay against the current code without a determinism violation.
// A change that breaks one needs patched()/deprecatePatch(), not a re-recording.
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '@complaints/testing';
import { HISTORIES_DIR, WORKFLOW_INTERCEPTORS, WORKFLOWS_PATH } from './lifecycle-harness';

jest.setTimeout(120_000);

// Histories of earlier workflow versions stay in their own folders and keep replaying (patched() paths).
const files = fs
  .readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  // The jointResponse workflow runs in the joint-protocol worker's own bundle: joint-response-replay.test.ts.
  .filter((file) => !file.startsWith('joint-response'))
  .sort();

it('has saved histories of every profile and path to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(22);
  for (const profile of ['phso-model', 'hpft', 'itrust', 'cwth']) {
    expect(files).toEqual(
      expect.arrayContaining([
        `${profile}-acknowledged-on-time.json`,
        `${profile}-acknowledged-late-after-breach.json`,
      ]),
    );
  }
});

it.each(files)('replays %s deterministically', async (file) => {
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
  // As the worker bundles them: with the command signature check (validators do not run on replay).
  const bundle = await workflowBundle(WORKFLOWS_PATH, { workflowInterceptorModules: WORKFLOW_INTERCEPTORS });
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: bundle, replayName: file },
      history,
      path.basename(file, '.json'),
    ),
  ).resolves.toBeUndefined();
});
