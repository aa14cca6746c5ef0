/** One escaping helper per place a value goes; every value from Replicated, a CRM or a model passes one. */
export { escapeHtml } from './html';
export { escapeMarkdown } from './markdown';
export { shellWord } from './shell';
export { escapeSlack } from './slack';
