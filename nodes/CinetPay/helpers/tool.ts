/**
 * The node as an AI agent's tool. n8n makes a "CinetPay Transfer Tool" variant of a node marked
 * `usableAsTool`; in it, parameters shown for `'@tool': [true]` replace those hidden for it. There
 * the fields an agent decides default to `$fromAI(…)`: the agent fills them, and a human review
 * step between the tool and the agent shows each value before the node runs.
 */
import type { INodeProperties } from 'n8n-workflow';

export type FromAiType = 'string' | 'number' | 'boolean';

/**
 * `{{ $fromAI(key, description, type) }}` in the form n8n's editor writes it (its ✨ button): with
 * that marker the editor shows the field as "Defined automatically by the model", which a user
 * can switch back to a value of their own. The description is read by the model.
 */
export function fromAI(key: string, description: string, type: FromAiType): string {
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) throw new Error(`Not a $fromAI key: ${key}`);
	if (/[`\\]|\$\{/.test(description))
		throw new Error(`Backtick or backslash in the $fromAI description of ${key}`);
	return `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

/** The property outside tool mode: unchanged, and hidden in the tool variant. */
export function outsideTool(property: INodeProperties): INodeProperties {
	const displayOptions = property.displayOptions ?? {};
	return {
		...property,
		displayOptions: { ...displayOptions, hide: { ...displayOptions.hide, '@tool': [true] } },
	};
}

/** The same property in the tool variant only, with another default. */
export function inTool(
	property: INodeProperties,
	toolDefault: INodeProperties['default'],
): INodeProperties {
	const displayOptions = property.displayOptions ?? {};
	return {
		...property,
		default: toolDefault,
		displayOptions: { ...displayOptions, show: { ...displayOptions.show, '@tool': [true] } },
	};
}

/** A field users set, which the agent fills (`$fromAI`) when the node runs as a tool. */
export function filledByAgent(
	property: INodeProperties,
	key: string,
	description: string,
	type: FromAiType = 'string',
): INodeProperties[] {
	return [outsideTool(property), inTool(property, fromAI(key, description, type))];
}
