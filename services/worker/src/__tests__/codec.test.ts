import { Test } from '@nestjs/testing';
import { defaultPayloadConverter } from '@temporalio/common';
import request from 'supertest';
import { configureApp } from '@complaints/service-kit';
import { EncryptionCodec } from '@complaints/temporal/client';
import { CodecController, PAYLOAD_CODEC } from '../codec/codec.controller';
import { loggingModule } from '@complaints/service-kit';

const key = Buffer.alloc(32, 7).toString('base64');

it('decrypts payloads for the Temporal Web UI, and refuses nothing it encrypted', async () => {
  const codec = await EncryptionCodec.create(key);
  const moduleRef = await Test.createTestingModule({
    imports: [loggingModule('test', 'silent')],
    controllers: [CodecController],
    providers: [{ provide: PAYLOAD_CODEC, useValue: codec }],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, { title: 'codec', description: 'test' });
  await app.init();
  try {
    const [encrypted] = await codec.encode([
      defaultPayloadConverter.toPayload({ reference: 'HPFT-2026-000001', stage: 'acknowledged' }),
    ]);
    const asJson = {
      metadata: Object.fromEntries(
        Object.entries(encrypted.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(encrypted.data!).toString('base64'),
    };
    expect(Buffer.from(asJson.data, 'base64').toString()).not.toContain('HPFT-2026-000001');
    const response = await request(app.getHttpServer())
      .post('/codec/decode')
      .send({ payloads: [asJson] })
      .expect(200);
    const decoded = response.body.payloads[0];
    expect(Buffer.from(decoded.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toEqual({
      reference: 'HPFT-2026-000001',
      stage: 'acknowledged',
    });

    const roundTrip = await request(app.getHttpServer())
      .post('/codec/encode')
      .send({ payloads: [decoded] })
      .expect(200);
    const again = await request(app.getHttpServer()).post('/codec/decode').send(roundTrip.body).expect(200);
    expect(again.body.payloads[0].data).toBe(decoded.data);
  } finally {
    await app.close();
  }
});
