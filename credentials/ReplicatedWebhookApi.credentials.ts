import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The signing secret of a notification subscription set up by hand in the Vendor Portal. With
 * automatic registration the trigger generates and keeps its own secret instead.
 */
export class ReplicatedWebhookApi implements ICredentialType {
	name = 'replicatedWebhookApi';

	displayName = 'Replicated Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Replicated/replicated.svg',
		dark: 'file:../nodes/Replicated/replicated.dark.svg',
	};

	documentationUrl = 'https://docs.replicated.com/vendor/event-notifications-webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The "Webhook Secret" of the notification in the Vendor Portal (Notifications → your webhook). Replicated signs every delivery with it; the trigger refuses deliveries whose signature does not match.',
		},
		{
			displayName: 'Previous Secret (During Rotation)',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"To rotate without losing a delivery: put the new secret above and the old one here, save, then change the secret in the Vendor Portal. Deliveries signed with either are accepted; clear this field once the Vendor Portal has the new one (after Replicated's retries, about 4½ hours, if some were failing).",
		},
	];
}
