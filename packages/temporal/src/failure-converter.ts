// The data converter's failure converter (`failureConverterPath`), for clients, workers and the workflow sandbox:
// a failure's message and stack trace travel as an encoded attribute, so the payload codec encrypts them too.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
