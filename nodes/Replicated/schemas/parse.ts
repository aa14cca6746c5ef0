import { type INode, NodeApiError } from 'n8n-workflow';
import type { z } from 'zod/v4';

/**
 * Validates a Replicated response. A mismatch means the API changed shape under us, so the error
 * names the path of the first offending field instead of failing later in a template expression.
 */
export function parseResponse<T extends z.ZodType>(
	node: INode,
	schema: T,
	body: unknown,
	what: string,
): z.output<T> {
	const result = schema.safeParse(body);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const path = issue.path.length ? issue.path.join('.') : '(root)';
	throw new NodeApiError(
		node,
		{ message: issue.message, path },
		{
			message: `Replicated: unexpected ${what} response at "${path}": ${issue.message}`,
			description:
				'The Replicated API answered with a shape this node does not understand. Please report it with the request that produced it.',
		},
	);
}
