// The joint-protocol worker's bundle plus the stand-in lead workflow the tests signal back to.
export { jointResponse } from '../../joint-response';
export { leadComplaintStandIn } from './lead-stand-in';
