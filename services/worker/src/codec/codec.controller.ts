import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { ProblemException } from '@complaints/service-kit';
import { PlaintextPayloadError, type EncryptionCodec } from '@complaints/temporal/client';
import { OperationsTokenGuard } from './operations-token.guard';

export const PAYLOAD_CODEC = Symbol('PAYLOAD_CODEC');

/** A payload as the Temporal Web UI sends it: metadata values and data base64-encoded. */
interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

interface PayloadsBody {
  payloads?: JsonPayload[];
}

const fromJson = (payload: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload?.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(String(value), 'base64'),
    ]),
  ),
  data: payload?.data ? Buffer.from(String(payload.data), 'base64') : undefined,
});

const toJson = (payload: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value).toString('base64'),
    ]),
  ),
  data: payload.data ? Buffer.from(payload.data).toString('base64') : undefined,
});

const payloadsOf = (body: PayloadsBody): Payload[] => {
  if (body?.payloads !== undefined && !Array.isArray(body.payloads))
    throw new ProblemException({ status: 400, title: 'Bad Request', detail: 'payloads must be an array' });
  return (body?.payloads ?? []).map(fromJson);
};

/**
 * Codec server for the Temporal Web UI (TEMPORAL_CODEC_ENDPOINT): lets operations staff with an operations token
 * read the encrypted payloads — which by design hold references and process facts only, never personal data.
 */
@ApiTags('codec')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'no operations token, or an invalid one' })
@UseGuards(OperationsTokenGuard)
@Controller('codec')
export class CodecController {
  constructor(@Inject(PAYLOAD_CODEC) private readonly codec: EncryptionCodec) {}

  @Post('decode')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decrypt payloads for the Temporal Web UI; a payload this codec did not encrypt is refused (400)',
  })
  @ApiOkResponse({
    schema: { example: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'eyJhIjoxfQ==' }] } },
  })
  async decode(@Body() body: PayloadsBody): Promise<PayloadsBody> {
    try {
      return { payloads: (await this.codec.decode(payloadsOf(body))).map(toJson) };
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      throw new ProblemException({
        status: 400,
        title: 'Bad Request',
        detail:
          error instanceof PlaintextPayloadError
            ? error.message
            : 'a payload cannot be decrypted with this codec key (tampered, or encrypted with another key)',
      });
    }
  }

  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encrypt payloads sent from the Temporal Web UI' })
  async encode(@Body() body: PayloadsBody): Promise<PayloadsBody> {
    return { payloads: (await this.codec.encode(payloadsOf(body))).map(toJson) };
  }
}
