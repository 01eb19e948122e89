import { describeServiceHealth } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadComplaintsApiConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

describeServiceHealth(SERVICE_DESCRIPTION, () =>
  AppModule.forConfig(loadComplaintsApiConfig({ ...process.env, PORT: '3000' })),
);
