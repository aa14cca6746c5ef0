import { parseFormData } from '../fakes/multipart';

/** Encoded by Node's own FormData (undici), as an HTTP client sends it. */
async function encode(form: FormData): Promise<{ bytes: Buffer; type: string }> {
	const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
	return {
		bytes: Buffer.from(await request.arrayBuffer()),
		type: request.headers.get('content-type')!,
	};
}

describe('the CRM fakes read multipart/form-data uploads', () => {
	it('gives each field and file, the file byte for byte with its name and type', async () => {
		const file = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x80, 0x41]);
		const form = new FormData();
		form.append('entity_content', new Blob(['{"Title":"License"}'], { type: 'application/json' }));
		form.append('VersionData', new Blob([file], { type: 'text/yaml' }), 'acme-license.yaml');
		form.append('record_id', 'rec-1');
		const { bytes, type } = await encode(form);

		const parts = parseFormData(bytes, type)!;
		expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
			['entity_content', 'blob', 'application/json'],
			['VersionData', 'acme-license.yaml', 'text/yaml'],
			['record_id', null, null],
		]);
		expect(parts[0].content.toString()).toBe('{"Title":"License"}');
		expect(parts[1].content).toEqual(file);
		expect(parts[2].content.toString()).toBe('rec-1');
	});

	it('answers null for a body that is not multipart', () => {
		expect(parseFormData(Buffer.from('{}'), 'application/json')).toBeNull();
		expect(parseFormData(Buffer.from(''), undefined)).toBeNull();
	});
});
