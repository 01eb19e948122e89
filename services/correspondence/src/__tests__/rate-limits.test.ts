// Building a PDF is the costliest thing staff can ask of this service: both PDF endpoints are on the
// tighter `pdf` budget (RATE_LIMIT_PDF_PER_MINUTE), which service-kit's hardening test exercises.
import { rateLimitKindOf } from '@complaints/service-kit';
import { CorrespondenceController } from '../correspondence/correspondence.controller';
import { OmbudsmanPackController } from '../correspondence/ombudsman-pack.controller';

it('puts a letter’s PDF and the Ombudsman pack on the PDF budget, and the rest on the standard one', () => {
  expect(rateLimitKindOf(CorrespondenceController.prototype.pdf)).toBe('pdf');
  expect(rateLimitKindOf(OmbudsmanPackController.prototype.pack)).toBe('pdf');
  expect(rateLimitKindOf(CorrespondenceController.prototype.list)).toBe('standard');
});
