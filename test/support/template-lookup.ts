import { TEMPLATES, templatePath } from '../../scripts/templates/all';
import type { TemplateNode, Workflow } from '../../scripts/templates/kit';

/** A generated template's workflow by its path under workflows-templates/, without `.json`. */
export function template(path: string): Workflow {
	const found = TEMPLATES.find((t) => templatePath(t) === `workflows-templates/${path}.json`);
	if (!found) throw new Error(`no template ${path}`);
	return found.workflow;
}

export function nodeOf(wf: Workflow, name: string): TemplateNode {
	const node = wf.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`${wf.name} has no node ${name}`);
	return node;
}
