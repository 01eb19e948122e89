import fs from 'node:fs';
import { Client, Connection, type DataConverter, type TLSConfig } from '@temporalio/client';
import { CommandSigningInterceptor } from './command-signing.interceptor';
import { EncryptionCodec } from './encryption-codec';

export interface TemporalSettings {
  address: string;
  namespace: string;
  /** base64 of 32 bytes; when absent, payloads are not encrypted. */
  payloadEncryptionKey?: string;
  /** mTLS to the frontend (production): PEM files of the CA, this service's certificate and its key. */
  tls?: { caPath: string; certPath: string; keyPath: string; serverName?: string };
  /** The complaints API's Ed25519 private key: every Update it sends is signed (ADR 0012). */
  commandSigningKey?: string;
}

/** The connection's TLS options: none without certificates (the embedded dev server), else mutual TLS. */
export function temporalTls(settings: Pick<TemporalSettings, 'tls'>): TLSConfig | undefined {
  if (!settings.tls) return undefined;
  return {
    serverRootCACertificate: fs.readFileSync(settings.tls.caPath),
    clientCertPair: {
      crt: fs.readFileSync(settings.tls.certPath),
      key: fs.readFileSync(settings.tls.keyPath),
    },
    serverNameOverride: settings.tls.serverName,
  };
}

export async function createDataConverter(
  settings: Pick<TemporalSettings, 'payloadEncryptionKey'>,
): Promise<DataConverter> {
  if (!settings.payloadEncryptionKey) return {};
  return {
    payloadCodecs: [await EncryptionCodec.create(settings.payloadEncryptionKey)],
    // Failure messages and stack traces become an encoded attribute, which the codec encrypts.
    failureConverterPath: require.resolve('../failure-converter'),
  };
}

export async function connectTemporalClient(settings: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({
    address: settings.address,
    connectTimeout: '10s',
    tls: temporalTls(settings),
  });
  return new Client({
    connection,
    namespace: settings.namespace,
    dataConverter: await createDataConverter(settings),
    interceptors: settings.commandSigningKey
      ? { workflow: [new CommandSigningInterceptor(settings.commandSigningKey, settings.namespace)] }
      : undefined,
  });
}
