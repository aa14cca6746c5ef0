import type { INodeProperties } from 'n8n-workflow';

import * as healthDashboard from './healthDashboard.operation';
import * as renewalPrep from './renewalPrep.operation';
import * as scoreCustomers from './scoreCustomers.operation';

export { healthDashboard, renewalPrep, scoreCustomers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['insight'] } },
		options: [
			{
				name: 'Health Dashboard',
				value: 'healthDashboard',
				description:
					"Score Customers' items as one HTML page: risk distribution, at-risk and watch lists with reasons and CRM links, versions behind, check-ins, metric sparklines, license expiries; and a summary for an email",
				action: 'Render a customer health dashboard',
			},
			{
				name: 'Renewal Prep',
				value: 'renewalPrep',
				description:
					"A customer's usage story for the renewal conversation: versions and upgrades, instance health, metric trends, time on platform, Enterprise Portal milestones, entitlements vs usage; as data and Markdown",
				action: 'Prepare a renewal brief',
			},
			{
				name: 'Score Customers',
				value: 'scoreCustomers',
				description:
					'Health per customer from its instances: versions behind, check-ins, app status, air-gap cadence, metric trends, license expiry; a risk level with reasons, and expansion signals',
				action: 'Score customer health',
			},
		],
		default: 'scoreCustomers',
	},
	...scoreCustomers.description,
	...renewalPrep.description,
	...healthDashboard.description,
];
