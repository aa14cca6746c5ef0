/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { Readable } from 'node:stream';

import { encodeExport, type ExportRow, rowFromInstance, syntheticRow } from '../export-rows';
import { BadRequest, NotFound } from '../http';
import type { EmulatorState } from '../state';
import type { RouteContext } from './context';

function* exportRows(
	state: EmulatorState,
	appId: string,
	query: URLSearchParams,
): Generator<ExportRow> {
	const customerIds = (query.get('customerIds') ?? '').split(',').filter(Boolean);
	const licenseType = query.get('LicenseType');
	const channelName = query.get('ChannelName');
	// INFERRED: neither flag has a documented default; like the search API's include_* flags, an
	// omitted one counts as false, so a client that relies on a default gets nothing it did not ask for.
	const includeActive = query.get('IncludeActive') === 'true';
	const includeInactive = query.get('IncludeInactive') === 'true';
	const includeArchivedCustomers = query.get('IncludeArchivedCustomers') === 'true';
	const keep = (row: ExportRow) =>
		(!customerIds.length || customerIds.includes(String(row.customer_id))) &&
		(!licenseType || row.customer_type === (licenseType === 'paid' ? 'prod' : licenseType)) &&
		(!channelName || row.customer_channel_name === channelName) &&
		(row.instance_is_active === true ? includeActive : includeInactive);
	for (const instance of state.instances.values()) {
		if (instance.appId !== appId || instance.isArchived) continue;
		const customer = state.customers.get(instance.customerId)!;
		if (customer.isArchived && !includeArchivedCustomers) continue;
		const row = rowFromInstance(customer, instance);
		if (keep(row)) yield row;
	}
	const app = state.apps.get(appId)!;
	const channel = state.defaultChannel(appId);
	for (let i = 0; i < app.syntheticInstances; i++) {
		const row = syntheticRow(appId, channel, i, app.syntheticEpoch);
		if (keep(row)) yield row;
	}
}

export function registerExportRoutes({ router, state }: RouteContext): void {
	router.on('GET', '/v3/app/:appId/customer_instances', (req, res) => {
		if (!state.apps.has(req.params.appId)) throw new NotFound('app not found');
		const format = req.query.get('format') ?? 'csv';
		if (format !== 'csv' && format !== 'json')
			throw new BadRequest('format must be csv or json', 'invalid_format');
		res.writeHead(200, {
			'content-type':
				format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="customer_instances.${format}"`,
		});
		Readable.from(encodeExport(exportRows(state, req.params.appId, req.query), format)).pipe(res);
	});
}
