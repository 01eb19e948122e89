import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from './auth/public.decorator';
import { DATA_SOURCE, TEMPORAL_CLIENT } from './tokens';

type CheckStatus = 'up' | 'down';

async function check(probe: () => Promise<unknown>, timeoutMs = 3000): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)),
  );
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: Postgres and Temporal reachable' })
  @ApiOkResponse({
    description: 'All dependencies reachable',
    schema: { example: { status: 'ok', checks: { postgres: 'up', temporal: 'up' } } },
  })
  @ApiServiceUnavailableResponse({ description: 'A dependency is unreachable; `checks` says which' })
  async health(@Res({ passthrough: true }) response: Response) {
    const [postgres, temporal] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = postgres === 'up' && temporal === 'up';
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres, temporal } };
  }
}
