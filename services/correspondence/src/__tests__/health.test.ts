import { describeServiceHealth } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadCorrespondenceConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

describeServiceHealth(SERVICE_DESCRIPTION, () =>
  AppModule.forConfig(loadCorrespondenceConfig({ ...process.env, PORT: '3000' })),
);
