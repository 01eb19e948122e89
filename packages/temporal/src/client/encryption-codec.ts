import { webcrypto } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const ALGORITHM = 'AES-GCM';
const IV_LENGTH = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A payload this codec did not encrypt: refused, so nobody can slip plaintext past it (it fails closed). */
export class PlaintextPayloadError extends Error {
  constructor() {
    super(
      `the payload is not encrypted by the complaints codec (encoding is not ${ENCODING}); it is refused`,
    );
    this.name = 'PlaintextPayloadError';
  }
}

/**
 * Encrypts every payload (inputs, results, memos, signals, failures) with AES-256-GCM: defence in depth, since
 * payloads carry only references and process facts in the first place (architecture principle 2). Decoding
 * refuses any payload it did not encrypt.
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
        if (!encoding || decoder.decode(encoding) !== ENCODING || !payload.data)
          throw new PlaintextPayloadError();
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
