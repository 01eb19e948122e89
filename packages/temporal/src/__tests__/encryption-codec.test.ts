import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec } from '../client/encryption-codec';

describe('EncryptionCodec', () => {
  const key = randomBytes(32).toString('base64');

  it('round-trips payloads and hides their content', async () => {
    const codec = await EncryptionCodec.create(key);
    const payload = defaultPayloadConverter.toPayload({
      reference: 'HPFT-2026-000001',
      note: 'secret-marker',
    });
    const [encoded] = await codec.encode([payload]);
    expect(Buffer.from(encoded.data!).toString('latin1')).not.toContain('secret-marker');
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({
      reference: 'HPFT-2026-000001',
      note: 'secret-marker',
    });
  });

  it('refuses to decode with another key', async () => {
    const [encoded] = await (
      await EncryptionCodec.create(key)
    ).encode([defaultPayloadConverter.toPayload('x')]);
    const other = await EncryptionCodec.create(randomBytes(32).toString('base64'));
    await expect(other.decode([encoded])).rejects.toThrow();
  });

  it('rejects a key of the wrong length', async () => {
    await expect(EncryptionCodec.create(Buffer.from('short').toString('base64'))).rejects.toThrow(/32 bytes/);
  });
});
