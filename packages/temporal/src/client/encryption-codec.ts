import { webcrypto } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const ALGORITHM = 'AES-GCM';
const IV_LENGTH = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encrypts every payload (inputs, results, memos, signals) with AES-256-GCM: defence in depth, since
 * payloads carry only references and process facts in the first place (architecture principle 2).
 */
export class EncryptionCodec implements PayloadCodec {
  private constructor(
    private readonly key: webcrypto.CryptoKey,
    private readonly keyId: string,
  ) {}

  /** @param base64Key 32 random bytes, base64-encoded (PAYLOAD_ENCRYPTION_KEY). */
  static async create(base64Key: string, keyId = 'default'): Promise<EncryptionCodec> {
    const raw = Buffer.from(base64Key, 'base64');
    if (raw.length !== 32) throw new Error('the payload encryption key must be 32 bytes, base64-encoded');
    const key = await webcrypto.subtle.importKey('raw', raw, ALGORITHM, false, ['encrypt', 'decrypt']);
    return new EncryptionCodec(key, keyId);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const iv = webcrypto.getRandomValues(new Uint8Array(IV_LENGTH));
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const cipher = new Uint8Array(
          await webcrypto.subtle.encrypt({ name: ALGORITHM, iv }, this.key, plain),
        );
        const data = new Uint8Array(IV_LENGTH + cipher.length);
        data.set(iv);
        data.set(cipher, IV_LENGTH);
        return {
          metadata: {
            [METADATA_ENCODING_KEY]: encoder.encode(ENCODING),
            'encryption-key-id': encoder.encode(this.keyId),
          },
          data,
        };
      }),
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
        if (!encoding || decoder.decode(encoding) !== ENCODING || !payload.data) return payload;
        const iv = payload.data.subarray(0, IV_LENGTH);
        const plain = await webcrypto.subtle.decrypt(
          { name: ALGORITHM, iv },
          this.key,
          payload.data.subarray(IV_LENGTH),
        );
        return temporal.api.common.v1.Payload.decode(new Uint8Array(plain));
      }),
    );
  }
}
