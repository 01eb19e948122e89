// A small service as every service wires it (staffAuthProviders + configureApp) over the test Postgres,
// for the authentication, rate-limit and header tests.
import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { openDataSource, seedDemoData, StaffUser } from '@complaints/db';
import type { StaffRole } from '@complaints/domain';
import { CurrentStaff, Public, Roles, type StaffPrincipal } from '../auth';
import { configureApp } from '../bootstrap';
import { commonConfig, loadConfig } from '../config';
import { RateLimit } from '../hardening/rate-limit';
import { staffAuthProviders } from '../infrastructure.module';
import { loggingModule } from '../logging';
import { DATA_SOURCE, SERVICE_MODE } from '../tokens';

export const FAILURE_MESSAGE = 'cannot process Jane Example, 12 Acacia Avenue';

export class CreateNoteDto {
  @IsString()
  @MaxLength(40)
  title!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  priority!: number;

  @IsOptional()
  @IsString()
  body?: string;
}

@Controller('probe')
export class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { open: true };
  }

  @Get('me')
  me(@CurrentStaff() staff: StaffPrincipal) {
    return staff;
  }

  @Roles('handler', 'complaints-manager')
  @Get('handling')
  handling(@CurrentStaff() staff: StaffPrincipal) {
    return { handledBy: staff.id };
  }

  @RateLimit('pdf')
  @Get('pdf')
  pdf() {
    return { pdf: true };
  }

  @RateLimit('intake')
  @Post('intake')
  intake() {
    return { recorded: true };
  }

  @Public()
  @Post('notes')
  create(@Body() note: CreateNoteDto) {
    return { received: note, isDto: note instanceof CreateNoteDto };
  }

  @Public()
  @Get('failure')
  failure() {
    throw new Error(FAILURE_MESSAGE);
  }
}

/** The configuration a service would load, from the environment given (on top of the test command's). */
export function probeConfig(env: Record<string, string | undefined> = {}) {
  return loadConfig('probe', commonConfig, {
    PORT: '3999',
    DATABASE_URL: process.env.DATABASE_URL,
    PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTH_JWT_SECRET: 'x'.repeat(40),
    AUTH_JWT_ISSUER: 'test',
    ...env,
  });
}

export type ProbeConfig = ReturnType<typeof probeConfig>;

export interface Probe {
  app: INestApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function startProbe(config: ProbeConfig): Promise<Probe> {
  const dataSource = await openDataSource(config.DATABASE_URL, { poolSize: 2, applicationName: 'tests' });
  await seedDemoData(dataSource);
  const moduleRef = await Test.createTestingModule({
    imports: [loggingModule('test', 'silent')],
    controllers: [ProbeController],
    providers: [
      { provide: DATA_SOURCE, useValue: dataSource },
      { provide: SERVICE_MODE, useValue: config.NODE_ENV },
      ...staffAuthProviders(config),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true, logger: false });
  configureApp(app, { title: 'probe', description: 'service-kit test app' });
  await app.init();
  return {
    app,
    dataSource,
    async close() {
      await app.close();
      await dataSource.destroy();
    },
  };
}

/** A staff_user row of this test's own (demo users are shared by every test file). */
export async function addStaffUser(
  dataSource: DataSource,
  fields: { roles: StaffRole[]; identitySubject?: string; active?: boolean },
): Promise<StaffUser> {
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return dataSource.getRepository(StaffUser).save({
    id: `test-${suffix}`,
    organisationCode: 'HPFT',
    displayName: 'Test member of staff',
    email: `test-${suffix}@hpft.test`,
    roles: fields.roles,
    active: fields.active ?? true,
    identitySubject: fields.identitySubject ?? null,
  });
}
