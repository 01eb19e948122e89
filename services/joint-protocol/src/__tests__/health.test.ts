import { describeServiceHealth } from '@complaints/testing';
import { AppModule } from '../app.module';
import { loadJointProtocolConfig } from '../config';
import { SERVICE_DESCRIPTION } from '../service-description';

describeServiceHealth(SERVICE_DESCRIPTION, () =>
  AppModule.forConfig(loadJointProtocolConfig({ ...process.env, PORT: '3000' })),
);
