import { Client, Connection, type DataConverter } from '@temporalio/client';
import { EncryptionCodec } from './encryption-codec';

export interface TemporalSettings {
  address: string;
  namespace: string;
  /** base64 of 32 bytes; when absent, payloads are not encrypted. */
  payloadEncryptionKey?: string;
}

export async function createDataConverter(
  settings: Pick<TemporalSettings, 'payloadEncryptionKey'>,
): Promise<DataConverter> {
  if (!settings.payloadEncryptionKey) return {};
  return { payloadCodecs: [await EncryptionCodec.create(settings.payloadEncryptionKey)] };
}

export async function connectTemporalClient(settings: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({ address: settings.address, connectTimeout: '10s' });
  return new Client({
    connection,
    namespace: settings.namespace,
    dataConverter: await createDataConverter(settings),
  });
}
