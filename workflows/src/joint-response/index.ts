// The joint-protocol worker's workflow bundle (services/joint-protocol): the jointResponse workflow only. Its
// worker also registers `@complaints/workflows/interceptors` (the command signature check, ADR 0012).
export { jointResponse } from './joint-response.workflow';
