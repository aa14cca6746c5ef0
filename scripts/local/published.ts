import { DASHBOARD_SLUG } from '../templates/health/dashboard';

/**
 * The templates that need nothing outside the sandbox once `npm start` gave them its credentials
 * (Replicated: the emulator; mail: the SMTP sink; Slack: the fake): published at import.
 */
export const PUBLISHED = [
	DASHBOARD_SLUG,
	'state-alerts-slack',
	'version-behind-email',
	'inactive-to-cs',
];
