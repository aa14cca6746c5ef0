import { calling, functionSource } from './carry';

/**
 * The package's escaping helpers (nodes/Replicated/escape/, one per target), as templates carry
 * them: every CRM or Replicated value a template puts into HTML (emails, HubSpot rich text), Slack
 * mrkdwn or Markdown passes the target's helper.
 */
const FILES = {
	escapeHtml: 'nodes/Replicated/escape/html.ts',
	escapeMarkdown: 'nodes/Replicated/escape/markdown.ts',
	escapeSlack: 'nodes/Replicated/escape/slack.ts',
} as const;
export type Helper = keyof typeof FILES;

/** The helper's declaration, for a Code node to start with. */
export const helperSource = (helper: Helper): string => functionSource(FILES[helper], helper);

/** An expression (JavaScript inside `{{ }}`) of `value` escaped by the helper. */
export const escaped = (helper: Helper, value: string): string =>
	calling(FILES[helper], helper, value);
