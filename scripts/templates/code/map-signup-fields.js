// @ts-check
/// <reference path="./n8n.d.ts" />

/**
 * Map Signup Fields (<crm>/signup-to-lead): the signup form's fields, read tolerantly.
 */
function mapSignupFields() {
	// The signup form decides which fields arrive; read them tolerantly.
	const data = $json.data ?? {};
	const pick = (/** @type {string[]} */ ...keys) => keys.map((k) => data[k]).find((v) => v !== undefined && v !== null && String(v).trim() !== '') ?? '';
	const email = String(pick('email', 'email_address', 'contact_email')).trim().toLowerCase();
	if (!email) throw new Error('The signup has no email address: a Lead needs one to be found again.');
	const known = new Set(['email', 'email_address', 'contact_email', 'first_name', 'last_name', 'name', 'company', 'company_name', 'job_title', 'title', 'company_size', 'use_case', 'event_type', 'team_id', 'app_id', 'app_name', 'app_slug']);
	const others = Object.entries(data).filter(([k, v]) => !known.has(k) && v !== null && typeof v !== 'object');
	return {
	  email,
	  firstName: String(pick('first_name')),
	  lastName: String(pick('last_name', 'name')) || email.split('@')[0],
	  company: String(pick('company', 'company_name')) || email.split('@')[1],
	  title: String(pick('job_title', 'title')),
	  companySize: String(pick('company_size')),
	  useCase: String(pick('use_case')),
	  description: ['Self-serve trial signup for ' + ($json.app.name ?? 'your app'), ...others.map(([k, v]) => `${k}: ${v}`)].join('\n'),
	};
}
