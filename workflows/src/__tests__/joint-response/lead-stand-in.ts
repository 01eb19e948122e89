// Test-only: a clearly named stand-in for the lead's complaint workflow, which receives jointDraftApproved.
import { condition, defineQuery, setHandler } from '@temporalio/workflow';
import { jointDraftApprovedSignal } from '../../joint-response/messages';

export const approvedVersionsQuery = defineQuery<number[]>('approvedVersions');

export async function leadComplaintStandIn(): Promise<number[]> {
  const approved: number[] = [];
  setHandler(jointDraftApprovedSignal, ({ version }) => void approved.push(version));
  setHandler(approvedVersionsQuery, () => approved);
  await condition(() => false);
  return approved;
}
