import { archiveState } from './archive-state';

export const { description, execute } = archiveState('archive');
