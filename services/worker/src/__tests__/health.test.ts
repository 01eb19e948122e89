import { describeServiceHealth } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadWorkerConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

describeServiceHealth(SERVICE_DESCRIPTION, () =>
  AppModule.forConfig(loadWorkerConfig({ ...process.env, PORT: '3000' })),
);
