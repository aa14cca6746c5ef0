import { archiveState } from './archive-state';

export const { description, execute } = archiveState('archive');

/** Changes Replicated: refused as an AI tool unless Allow Writes as a Tool is on. */
export const writes = true;
