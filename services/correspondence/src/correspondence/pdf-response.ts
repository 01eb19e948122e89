import { StreamableFile } from '@nestjs/common';

/** OpenAPI: a 200 whose body is a PDF file. */
export const PDF_RESPONSE = {
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
};

/** A PDF sent as a download; the name is made of references and template names only, so needs no escaping. */
export function pdfAttachment(pdf: Buffer, filename: string): StreamableFile {
  return new StreamableFile(pdf, {
    type: 'application/pdf',
    disposition: `attachment; filename="${filename}"`,
    length: pdf.length,
  });
}
