import type { INodeProperties } from 'n8n-workflow';

/**
 * The node's properties with each parameter's builder hint (n8n's `builderHint.propertyHint`: the
 * `@builderHint` line n8n's AI workflow builder reads in the node's type definition). `hints` is
 * keyed by parameter name, or `collection.option` for an option of a collection, so that a name
 * reused elsewhere with another meaning gets no hint.
 */
export function withBuilderHints(
	properties: INodeProperties[],
	hints: Record<string, string>,
): INodeProperties[] {
	const hinted = (property: INodeProperties, key: string): INodeProperties =>
		hints[key] ? { ...property, builderHint: { propertyHint: hints[key] } } : property;
	return properties.map((property) => {
		const top = hinted(property, property.name);
		if (property.type !== 'collection' || !property.options) return top;
		return {
			...top,
			options: (property.options as INodeProperties[]).map((option) =>
				hinted(option, `${property.name}.${option.name}`),
			),
		};
	});
}
