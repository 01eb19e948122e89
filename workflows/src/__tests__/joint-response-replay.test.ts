// The jointResponse workflow's saved histories (histories/joint-response/*.json, real runs of each R-JOINT path)
// replay against the current code in the joint-protocol worker's bundle, without a determinism violation.
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '@complaints/testing';
import { HISTORIES_DIR, WORKFLOW_INTERCEPTORS } from './lifecycle-harness';
import { JOINT_WORKFLOWS_PATH } from './joint-response/joint-harness';

jest.setTimeout(120_000);

const DIR = path.join(HISTORIES_DIR, 'joint-response');
const files = fs
  .readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();

it('has saved histories of each joint path', () => {
  expect(files).toEqual([
    'hpft-conflict-resolved-all-approved.json',
    'hpft-partial-response-later-apology.json',
    'hpft-partner-late-reminded-escalated.json',
    'hpft-review-withdrawal-lead-changed-closed.json',
  ]);
});

it.each(files)('replays %s deterministically', async (file) => {
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
  const bundle = await workflowBundle(JOINT_WORKFLOWS_PATH, {
    workflowInterceptorModules: WORKFLOW_INTERCEPTORS,
  });
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: bundle, replayName: file },
      history,
      path.basename(file, '.json'),
    ),
  ).resolves.toBeUndefined();
});

/** Every payload of a history, decoded (histories keep them base64-encoded). */
function decodedPayloads(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) decodedPayloads(item, into);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.data === 'string' && record.metadata)
      into.push(Buffer.from(record.data, 'base64').toString('utf8'));
    for (const child of Object.values(record)) decodedPayloads(child, into);
  }
  return into;
}

it('keeps no personal data in the joint histories: organisation codes, dates, versions and record ids only', () => {
  for (const file of files) {
    const payloads = decodedPayloads(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'))).join('\n');
    expect(payloads).toContain('HCCACS');
    expect(payloads).not.toMatch(/@[a-z0-9-]+\.[a-z]/i);
    expect(payloads).not.toMatch(/"(body|comments|reasons|matter|learning|description|name|email|apology)"/);
  }
});
