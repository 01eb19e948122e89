// A staff command's proof that the complaints API sent it (docs/adr/0012-temporal-locked-down.md): an Ed25519
// signature over the command and where it is going, carried in the Update's header. Pure JS, so the workflow
// checks it in its sandbox; the API alone holds the private key, workers know the public keys.
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils';

/** The Update header that carries the signature. */
export const COMMAND_SIGNATURE_HEADER = 'complaints-command-signature';

/** How long a signed command may take to reach its workflow (either way, for clock skew). */
export const COMMAND_SIGNATURE_VALID_FOR_MS = 5 * 60_000;

/** What the signature binds: a captured one fits no other workflow, Update, Update ID, arguments or time. */
export interface SignedCommandFields {
  namespace: string;
  workflowId: string;
  updateName: string;
  updateId: string;
  args: unknown[];
  /** Epoch milliseconds, by the signer's clock. */
  issuedAt: number;
}

/** The header's content: no arguments, only their digest. */
export interface CommandSignature {
  v: 1;
  keyId: string;
  namespace: string;
  workflowId: string;
  updateName: string;
  updateId: string;
  issuedAt: number;
  argsDigest: string;
  signature: string;
}

/** Public keys by id (the first 16 hex digits of the key's SHA-256). */
export type CommandVerificationKeys = Readonly<Record<string, Uint8Array>>;

/** JSON with sorted keys, after the JSON round trip the arguments make on their way to the workflow. */
export function canonicalJson(value: unknown): string {
  return canonical(JSON.parse(JSON.stringify(value ?? null)) as unknown);
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`);
  return `{${fields.join(',')}}`;
}

export const commandKeyId = (publicKey: Uint8Array): string => bytesToHex(sha256(publicKey)).slice(0, 16);

const argsDigestOf = (args: unknown[]) => bytesToHex(sha256(utf8ToBytes(canonicalJson(args))));

function signedBytes(signature: Omit<CommandSignature, 'signature'>): Uint8Array {
  return utf8ToBytes(canonicalJson(signature));
}

export function signCommand(privateKey: Uint8Array, fields: SignedCommandFields): CommandSignature {
  const unsigned = {
    v: 1 as const,
    keyId: commandKeyId(ed25519.getPublicKey(privateKey)),
    namespace: fields.namespace,
    workflowId: fields.workflowId,
    updateName: fields.updateName,
    updateId: fields.updateId,
    issuedAt: fields.issuedAt,
    argsDigest: argsDigestOf(fields.args),
  };
  return { ...unsigned, signature: bytesToHex(ed25519.sign(signedBytes(unsigned), privateKey)) };
}

/**
 * Why the command is not the API's, or undefined when it is: signed by a key in `keys`, for this namespace,
 * workflow, Update name, Update ID and arguments, within COMMAND_SIGNATURE_VALID_FOR_MS of `now`.
 */
export function commandSignatureProblem(
  header: unknown,
  expected: SignedCommandFields,
  keys: CommandVerificationKeys,
): string | undefined {
  if (!header || typeof header !== 'object') return 'the command carries no signature of the complaints API';
  const { signature, ...unsigned } = header as CommandSignature;
  if (unsigned.v !== 1 || typeof signature !== 'string') return 'the command signature is malformed';
  const key = keys[unsigned.keyId];
  if (!key) return 'the command is signed with a key this worker does not trust';
  const bound =
    unsigned.namespace === expected.namespace &&
    unsigned.workflowId === expected.workflowId &&
    unsigned.updateName === expected.updateName &&
    unsigned.updateId === expected.updateId &&
    unsigned.argsDigest === argsDigestOf(expected.args);
  if (!bound) return 'the command signature was made for another workflow, command or arguments';
  if (
    typeof unsigned.issuedAt !== 'number' ||
    Math.abs(expected.issuedAt - unsigned.issuedAt) > COMMAND_SIGNATURE_VALID_FOR_MS
  )
    return 'the command signature has expired';
  let valid = false;
  try {
    valid = ed25519.verify(hexToBytes(signature), signedBytes(unsigned), key);
  } catch {
    valid = false;
  }
  return valid ? undefined : 'the command signature is not valid';
}

/** Public keys from their base64url text (COMMAND_VERIFICATION_KEYS, comma-separated), by id. */
export function parseCommandVerificationKeys(text: string): CommandVerificationKeys {
  const keys: Record<string, Uint8Array> = {};
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const key = base64UrlToBytes(entry);
    if (key.length !== 32) throw new Error('a command verification key must be 32 bytes, base64url-encoded');
    keys[commandKeyId(key)] = key;
  }
  return keys;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (or base64) to bytes without Buffer, which the workflow sandbox lacks. */
export function base64UrlToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE64URL.indexOf(char);
    if (index < 0) throw new Error('not base64url');
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}
