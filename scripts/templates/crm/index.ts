import type { CrmAdapter } from './adapter';
import { attioCrm } from './attio';
import { hubspotCrm } from './hubspot';
import { salesforceCrm } from './salesforce';

/**
 * The CRMs every flow is written for, in the catalogue's order: the one list of CRMs. The
 * templates, the catalogue and the tests' lists and views derive from it.
 */
export const CRMS: CrmAdapter[] = [salesforceCrm, hubspotCrm, attioCrm];
