import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

const COUNT = { type: 'integer', nullable: true } as const;
const COUNTS = { type: 'object', additionalProperties: COUNT } as const;

/** R-MON-4: the words a done action may be published in, approved by the complaints manager who gives them. */
export class ApprovePublicWordingDto {
  @ApiProperty({
    example: 'We now phone everyone whose appointment we cancel, as well as writing.',
    maxLength: 500,
    description:
      'What was changed, in words fit to publish: no names, dates, places or anything else that could identify the person or the staff',
  })
  @IsString()
  @Length(1, 500)
  wording!: string;
}

export class PublicWordingDto {
  @ApiProperty({ example: 'learning-1' }) actionId!: string;
  @ApiProperty({ example: 'We now phone everyone whose appointment we cancel, as well as writing.' })
  wording!: string;
  @ApiProperty({ example: 'hpft-complaints-manager' }) approvedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) approvedAt!: Date;
}

/** R-MON-4: "you said, we did" for a period: anonymised, suppressed, and free text only as approved. */
export class YouSaidWeDidDto {
  @ApiProperty({ example: 'HPFT' }) organisation!: string;
  @ApiProperty({ example: '2026-27-Q2', description: 'A financial year or quarter' }) period!: string;
  @ApiProperty({ example: '2026-07-01' }) from!: string;
  @ApiProperty({ example: '2026-09-30' }) to!: string;
  @ApiProperty({ example: 5, description: 'Counts from 1 to this number − 1 are withheld (`null`)' })
  suppressedBelow!: number;
  @ApiProperty({ ...COUNT, description: 'You said: complaints received in the period' })
  complaints!: number | null;
  @ApiProperty({
    ...COUNTS,
    description:
      'You said: the complaints received, by what they were about (each complaint once per subject)',
  })
  bySubjectArea!: Record<string, number | null>;
  @ApiProperty({
    ...COUNTS,
    description:
      'What we found: complaints answered or closed in the period, by outcome (upheld, partially upheld, not upheld, resolved early, withdrawn, out of scope, out of time)',
  })
  outcomes!: Record<string, number | null>;
  @ApiProperty({ ...COUNT, description: 'We did: actions of complaints done in the period' })
  changesMade!: number | null;
  @ApiProperty({
    type: [String],
    description:
      "We did: the approved public wording of those actions, in no order and with nothing else about them; none while `changesMade` is withheld, since the list's length would give it",
  })
  weDid!: string[];
}
