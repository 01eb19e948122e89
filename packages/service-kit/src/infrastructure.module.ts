import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { openDataSource } from '@complaints/db';
import { connectTemporalClient, type TemporalSettings } from '@complaints/temporal/client';
import { StaffAuthGuard, TOKEN_SETTINGS } from './auth/staff-auth.guard';
import { loggingModule } from './logging';
import { DATA_SOURCE, TEMPORAL_CLIENT } from './tokens';

export interface InfrastructureSettings {
  service: string;
  databaseUrl: string;
  temporal: TemporalSettings;
}

/** Postgres (TypeORM DataSource) and a Temporal client, opened once per process and closed on shutdown. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  static forRoot(settings: InfrastructureSettings): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        {
          provide: DATA_SOURCE,
          useFactory: () => openDataSource(settings.databaseUrl, { applicationName: settings.service }),
        },
        { provide: TEMPORAL_CLIENT, useFactory: () => connectTemporalClient(settings.temporal) },
      ],
      exports: [DATA_SOURCE, TEMPORAL_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.temporal.connection.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The configuration keys every service has (see `commonConfig`). */
export interface CommonServiceConfig {
  LOG_LEVEL: string;
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  PAYLOAD_ENCRYPTION_KEY: string;
  TEMPORAL_TLS_CA?: string;
  TEMPORAL_TLS_CERT?: string;
  TEMPORAL_TLS_KEY?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
  /** Only the complaints API has it: the key its staff commands are signed with (ADR 0012). */
  COMMAND_SIGNING_KEY?: string;
}

export function temporalSettings(config: CommonServiceConfig): TemporalSettings {
  const { TEMPORAL_TLS_CA: caPath, TEMPORAL_TLS_CERT: certPath, TEMPORAL_TLS_KEY: keyPath } = config;
  return {
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    payloadEncryptionKey: config.PAYLOAD_ENCRYPTION_KEY,
    tls:
      caPath && certPath && keyPath
        ? { caPath, certPath, keyPath, serverName: config.TEMPORAL_TLS_SERVER_NAME }
        : undefined,
    commandSigningKey: config.COMMAND_SIGNING_KEY,
  };
}

/** What every service module imports: JSON logging and the Postgres/Temporal clients. */
export function serviceCoreImports(service: string, config: CommonServiceConfig): DynamicModule[] {
  return [
    loggingModule(service, config.LOG_LEVEL),
    InfrastructureModule.forRoot({
      service,
      databaseUrl: config.DATABASE_URL,
      temporal: temporalSettings(config),
    }),
  ];
}

/** The global staff authentication guard, verifying tokens with the service's configured key. */
export function staffAuthProviders(config: { AUTH_JWT_SECRET: string; AUTH_JWT_ISSUER: string }): Provider[] {
  return [
    { provide: TOKEN_SETTINGS, useValue: { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER } },
    { provide: APP_GUARD, useClass: StaffAuthGuard },
  ];
}
