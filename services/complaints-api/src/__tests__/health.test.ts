import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { configureApp, DATA_SOURCE } from '@complaints/service-kit';
import { describeServiceHealth } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadComplaintsApiConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

describeServiceHealth('Complaints API', async () => {
  const config = loadComplaintsApiConfig({ ...process.env, PORT: '3000' });
  const app = (
    await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile()
  ).createNestApplication({ bufferLogs: true });
  configureApp(app, SERVICE_DESCRIPTION);
  await app.init();
  return { app, breakPostgres: () => app.get<DataSource>(DATA_SOURCE).destroy() };
});
