/**
 * The node as an AI agent's tool. n8n makes a "CinetPay Transfer Tool" variant of a node marked
 * `usableAsTool`; in it, parameters shown for `'@tool': [true]` replace those hidden for it. There
 * the fields an agent decides default to `$fromAI(…)`: the agent fills them, and a human review
 * step between the tool and the agent shows each value before the node runs.
 */
import type { INodeProperties } from 'n8n-workflow';

export type FromAiType = 'string' | 'number' | 'boolean';

/** `{{ $fromAI(key, description, type) }}`, n8n's expression for a value the agent provides. */
export function fromAI(key: string, description: string, type: FromAiType): string {
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(key)) throw new Error(`Not a $fromAI key: ${key}`);
	const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	return `={{ $fromAI(${quoted(key)}, ${quoted(description)}, ${quoted(type)}) }}`;
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
