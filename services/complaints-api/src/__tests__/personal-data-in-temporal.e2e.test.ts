// R-INT-8 / architecture principle 2: a complaint run through intake, acknowledgement and its letter leaves
// no personal data in Temporal — the full history (payloads decoded), search attributes and memo are scanned.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec } from '@complaints/temporal/client';
import { MailInbox } from '@complaints/testing';
import { complaintBody, config, eventually, tokenFor, useApi } from './api-harness';

const { api, workers } = useApi({ timeoutMs: 60_000 });

/** Every payload in a history-like object, decrypted and converted back to its value, as text. */
async function decodedPayloads(node: unknown, codec: EncryptionCodec, out: string[] = []): Promise<string[]> {
  if (Array.isArray(node)) {
    for (const item of node) await decodedPayloads(item, codec, out);
  } else if (node && typeof node === 'object') {
    const candidate = node as Payload;
    if (candidate.metadata && candidate.data instanceof Uint8Array) {
      // Search attributes and the command signature header are not encrypted (the codec refuses them).
      const encrypted = Buffer.from(candidate.metadata.encoding ?? []).toString() === 'binary/encrypted';
      const [plain] = encrypted ? await codec.decode([candidate]) : [candidate];
      out.push(JSON.stringify(defaultPayloadConverter.fromPayload(plain)));
    } else {
      for (const value of Object.values(node)) await decodedPayloads(value, codec, out);
    }
  }
  return out;
}

it('no name, email, address, phone, date of birth or issue text reaches the workflow history, search attributes or memo', async () => {
  const handler = await tokenFor('handler@hpft.demo');
  const body = complaintBody();
  const created = await api()
    .post('/complaints')
    .set('Authorization', `Bearer ${handler}`)
    .send(body)
    .expect(201);
  const { reference } = created.body;
  await api()
    .post(`/complaints/${reference}/acknowledgement`)
    .set('Authorization', `Bearer ${handler}`)
    .send({ method: 'written' })
    .expect(200);
  await new MailInbox().waitFor((message) => message.to.some((to) => to.address === body.complainant.email));

  const handle = workers().client.workflow.getHandle(reference);
  const history = await eventually(
    () => handle.fetchHistory(),
    (h) => JSON.stringify(h).includes('correspondence') || (h.events ?? []).length > 20,
  );
  const codec = await EncryptionCodec.create(config.PAYLOAD_ENCRYPTION_KEY);
  const payloads = await decodedPayloads(history, codec);
  const description = await handle.describe();
  const everything = [
    JSON.stringify(history),
    ...payloads,
    JSON.stringify(description.raw.workflowExecutionInfo?.searchAttributes),
    ...(await decodedPayloads(description.raw.workflowExecutionInfo?.memo, codec)),
  ].join('\n');

  // The scan can find things: the reference is there, in decoded payloads.
  expect(payloads.join('\n')).toContain(reference);
  expect(payloads.join('\n')).toContain('acknowledgement');
  const personal = [
    body.complainant.name,
    body.complainant.email,
    body.complainant.phone,
    body.complainant.dateOfBirth,
    body.complainant.address.lines[0],
    body.complainant.address.postcode,
    body.issues[0].description,
    body.outcomeSought,
  ];
  for (const value of personal)
    expect({ value, found: everything.includes(value) }).toEqual({ value, found: false });
});
