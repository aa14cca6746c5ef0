import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/**
 * Nothing at Replicated can confirm a signing secret without a delivery, so the test checks what
 * can be checked: that it is there and long enough to be hard to guess.
 */
export async function replicatedWebhookSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.secret ?? '');
	if (!secret.trim()) return { status: 'Error', message: 'The webhook signing secret is empty.' };
	if (secret !== secret.trim()) {
		return {
			status: 'Error',
			message:
				'The secret starts or ends with spaces; paste it exactly as the Vendor Portal shows it.',
		};
	}
	if (secret.length < 16) {
		return {
			status: 'Error',
			message: `The secret has only ${secret.length} characters; use at least 16 (Replicated can generate one).`,
		};
	}
	return {
		status: 'OK',
		message: 'Secret is set. Deliveries are verified against it (HMAC-SHA256 of the body).',
	};
}
