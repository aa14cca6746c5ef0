import { type IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { resetAirgapPasswordRequest } from '../../api/licenses';

/**
 * SPEC postAirgapPassword: "Generate a new password … for accessing the customer's airgap download
 * portal". It RESETS the customer's password (docs releases-share-download-portal: a saved
 * password "cannot be retrieved again"), so it runs only when the user asked for it. The password
 * is a secret: it goes into the instructions only, never into a log line or an error.
 */
export async function resetAirgapPassword(
	ctx: IExecuteFunctions,
	customerId: string,
	itemIndex: number,
): Promise<string> {
	const password = await resetAirgapPasswordRequest(ctx, customerId);
	if (password !== undefined) return password;
	throw new NodeApiError(
		ctx.getNode(),
		{ message: 'no password in the answer' },
		{
			itemIndex,
			message: 'Replicated answered the Download Portal password reset without a password',
			description:
				"The customer's password may have been reset all the same. Run again to set a new one, or set it in the Vendor Portal (the customer's Reporting tab, Download portal section).",
		},
	);
}
