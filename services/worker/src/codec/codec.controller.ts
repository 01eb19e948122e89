import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { Public } from '@complaints/service-kit';
import type { EncryptionCodec } from '@complaints/temporal/client';

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
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: payload.data ? Buffer.from(payload.data, 'base64') : undefined,
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

/**
 * Codec server for the Temporal Web UI (`--ui-codec-endpoint`): lets operations staff read the encrypted
 * payloads — which by design hold references and process facts only, never personal data.
 */
@ApiTags('codec')
@Controller('codec')
export class CodecController {
  constructor(@Inject(PAYLOAD_CODEC) private readonly codec: EncryptionCodec) {}

  @Public()
  @Post('decode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decrypt payloads for the Temporal Web UI' })
  @ApiOkResponse({
    schema: { example: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'eyJhIjoxfQ==' }] } },
  })
  async decode(@Body() body: PayloadsBody): Promise<PayloadsBody> {
    return { payloads: (await this.codec.decode((body.payloads ?? []).map(fromJson))).map(toJson) };
  }

  @Public()
  @Post('encode')
  @HttpCode(200)
  @ApiOperation({ summary: 'Encrypt payloads sent from the Temporal Web UI' })
  async encode(@Body() body: PayloadsBody): Promise<PayloadsBody> {
    return { payloads: (await this.codec.encode((body.payloads ?? []).map(fromJson))).map(toJson) };
  }
}
