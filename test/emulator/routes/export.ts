/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure: runs beside n8n, never inside it */
import { Readable } from 'node:stream';

import {
	encodeExport,
	exportColumns,
	type ExportRow,
	rowFromInstance,
	syntheticRow,
} from '../export-rows';
import { BadRequest, NotFound } from '../http';
import type { Customer, Instance } from '../model';
import { customerView, instanceView } from '../serialize';
import type { EmulatorState } from '../state';
import type { Readings, RouteContext } from './context';

interface Exported {
	row: ExportRow;
	/** The customer and instance behind a row (none for the synthetic fleet's rows). */
	of?: { customer: Customer; instance: Instance };
}

function* exportRows(
	state: EmulatorState,
	appId: string,
	query: URLSearchParams,
): Generator<Exported> {
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
		if (keep(row)) yield { row, of: { customer, instance } };
	}
	const app = state.apps.get(appId)!;
	const channel = state.defaultChannel(appId);
	for (let i = 0; i < app.syntheticInstances; i++) {
		const row = syntheticRow(appId, channel, i, app.syntheticEpoch);
		if (keep(row)) yield { row };
	}
}

/** The app's own customers and instances, as `exportRows` reads them (for the CSV header). */
function* appInstances(state: EmulatorState, appId: string) {
	for (const instance of state.instances.values())
		if (instance.appId === appId)
			yield { customer: state.customers.get(instance.customerId)!, instance };
}

function* rowsOnly(exported: Iterable<Exported>): Generator<ExportRow> {
	for (const e of exported) yield e.row;
}

/**
 * The `customers` readings: each customer as the API answers it, with its exported instances. The
 * synthetic fleet has no customer objects and is left out of these readings.
 */
async function* customersJson(
	exported: Iterable<Exported>,
	enveloped: boolean,
	serve: (customer: Customer) => ReturnType<typeof customerView>,
) {
	const byCustomer = new Map<string, { customer: Customer; instances: Instance[] }>();
	for (const { of } of exported) {
		if (!of) continue;
		const entry = byCustomer.get(of.customer.id) ?? { customer: of.customer, instances: [] };
		entry.instances.push(of.instance);
		byCustomer.set(of.customer.id, entry);
	}
	const list = [...byCustomer.values()].map(({ customer, instances }) => ({
		...serve(customer),
		instances: instances.map(instanceView),
	}));
	yield enveloped
		? JSON.stringify({ customers: list, totalCount: list.length })
		: JSON.stringify(list);
}

/** The JSON answer under the reading in force (see Readings.exportJson). */
async function* jsonExport(
	exported: Iterable<Exported>,
	readings: Readings,
	channels: EmulatorState['channels'],
	columns: readonly string[],
) {
	const reading = readings.exportJson;
	if (reading === 'customers' || reading === 'envelopedCustomers') {
		yield* customersJson(exported, reading === 'envelopedCustomers', (customer) =>
			customerView(customer, channels, readings.customerChannels),
		);
		return;
	}
	if (reading === 'envelopedRows') yield '{"customers":';
	yield* encodeExport(rowsOnly(exported), 'json', columns);
	if (reading === 'envelopedRows') yield ',"totalCount":null}';
}

export function registerExportRoutes({ router, state, readings }: RouteContext): void {
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
		const exported = exportRows(state, req.params.appId, req.query);
		const columns = exportColumns(appInstances(state, req.params.appId));
		Readable.from(
			format === 'csv'
				? encodeExport(rowsOnly(exported), 'csv', columns)
				: jsonExport(exported, readings, state.channels, columns),
		).pipe(res);
	});
}
