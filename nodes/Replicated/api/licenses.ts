/** A customer's license file and Download Portal (airgap) password. */
import { airgapPasswordSchema } from '../schemas/install';
import {
	apiRequest,
	type LicenseFile,
	type ReplicatedContext,
	readLicenseFile,
} from '../transport';
import { operation, pathOf, route, target } from './route';

/**
 * SPEC downloadLicense: the license YAML, read whole up to the transport's cap. The path holds no
 * license ID, so logging it is safe.
 */
export const downloadLicenseFile = operation(
	route('GET', '/app/{app_id}/customer/{customer_id}/license-download', 'downloadLicense'),
	async (ctx: ReplicatedContext, appId: string, customerId: string): Promise<LicenseFile> =>
		await readLicenseFile(
			ctx,
			pathOf(downloadLicenseFile.route, { app_id: appId, customer_id: customerId }),
		),
);

/**
 * SPEC postAirgapPassword: "Generate a new password … for accessing the customer's airgap download
 * portal". It RESETS the password; sent again after a lost answer, the latest password is the one
 * that works: safe to retry. The password, or undefined when the answer has none.
 */
export const resetAirgapPasswordRequest = operation(
	route('POST', '/customer/{customer_id}/airgap/password', 'postAirgapPassword'),
	async (ctx: ReplicatedContext, customerId: string): Promise<string | undefined> => {
		const body = await apiRequest(ctx, {
			...target(resetAirgapPasswordRequest.route, { customer_id: customerId }),
			idempotent: true,
		});
		const answer = airgapPasswordSchema.safeParse(body);
		return answer.success ? answer.data.password : undefined;
	},
);
