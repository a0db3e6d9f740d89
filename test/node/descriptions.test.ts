/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only test, never published: it reads the package's JSON files */
/**
 * What n8n's verification and its UX guidelines check in the node descriptions, including what
 * lint cannot see (options built from shared constants), the codex files, package metadata and
 * the tool variant n8n derives from `usableAsTool`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { extractFromAICalls, NodeHelpers } from 'n8n-workflow';

import { CinetPayTransferV1Api } from '../../credentials/CinetPayTransferV1Api.credentials';
import { CinetPayTransfer } from '../../nodes/CinetPay/CinetPayTransfer.node';
import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';
import { PAYMENT_METHODS } from '../../nodes/CinetPay/helpers/paymentMethods';

const ROOT = join(__dirname, '..', '..');
const action = new CinetPayTransfer().description;
const trigger = new CinetPayTransferTrigger().description;
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const packageJson = readJson('package.json');

type AnyProperty = INodeProperties | INodePropertyCollection;

/** Every property, with the properties inside collections and fixed collections. */
function allProperties(
	properties: AnyProperty[],
	path = '',
): Array<{ path: string; property: AnyProperty }> {
	return properties.flatMap((property) => {
		const here = `${path}/${property.name}`;
		const children =
			(property as INodeProperties).options ?? (property as INodePropertyCollection).values ?? [];
		const nested = (children as AnyProperty[]).filter((child) => 'displayName' in child);
		return [{ path: here, property }, ...allProperties(nested, here)];
	});
}

const sortedByName = (names: string[]) =>
	[...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));

describe.each([
	['CinetPay Transfer', action],
	['CinetPay Transfer Trigger', trigger],
])('%s', (_, description: INodeTypeDescription) => {
	const properties = allProperties(description.properties);

	test('options of every list are in alphabetical order', () => {
		for (const { path, property } of properties) {
			if (
				!('type' in property) ||
				(property.type !== 'options' && property.type !== 'multiOptions')
			)
				continue;
			if (['resource', 'operation', 'dataMode'].includes(property.name)) continue;
			// Lists filled by a loadOptions method are sorted by it (see its own test).
			if (property.typeOptions?.loadOptionsMethod) continue;
			const names = (property.options as INodePropertyOptions[]).map((option) => option.name);
			expect([path, names]).toEqual([path, sortedByName(names)]);
		}
	});

	test('the options of every collection are in alphabetical order', () => {
		for (const { path, property } of properties) {
			if (!('type' in property) || property.type !== 'collection') continue;
			const names = (property.options as INodeProperties[]).map((option) => option.displayName);
			expect([path, names]).toEqual([path, sortedByName(names)]);
		}
	});

	test('placeholders read "e.g. …"', () => {
		for (const { path, property } of properties) {
			if (!('type' in property) || !property.placeholder) continue;
			if (property.type === 'collection' || property.type === 'fixedCollection') continue;
			expect([path, property.placeholder]).toEqual([path, expect.stringMatching(/^e\.g\. /)]);
		}
	});
});

describe('operations', () => {
	test("actions are worded as n8n's guidelines word them", () => {
		const actions = action.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as INodePropertyOptions[]).map((option) => option.action),
			);
		expect(actions).toEqual([
			'Get a balance',
			'Add a contact',
			'Get a transfer',
			'Send a transfer',
		]);
	});
});

describe('Payment Method', () => {
	const paymentMethod = allProperties(action.properties).find(
		({ property }) => property.name === 'paymentMethod',
	)!.property as INodeProperties;

	test('is a list of the v1 codes CinetPay is known to accept, with Automatic and Custom…', () => {
		const values = (paymentMethod.options as INodePropertyOptions[]).map((option) => option.value);
		expect(paymentMethod.type).toBe('options');
		expect(paymentMethod.default).toBe('');
		expect(values).toEqual(
			expect.arrayContaining(['', 'custom', ...PAYMENT_METHODS.v1.map((method) => method.code)]),
		);
		expect(PAYMENT_METHODS.v1.map((method) => method.code)).toEqual(['WAVECI', 'WAVESN']);
	});
});

describe('as an AI agent tool', () => {
	// What n8n does to a usableAsTool node (its createAiTools): the name ends in "Tool", which
	// '@tool' display options read.
	const replacements =
		typeof action.usableAsTool === 'object' ? action.usableAsTool.replacements : undefined;
	const toolDescription = {
		...action,
		...replacements,
		name: `${action.name}Tool`,
	} as INodeTypeDescription;
	const defaults = (description: INodeTypeDescription, values: Record<string, unknown>) =>
		NodeHelpers.getNodeParameters(
			description.properties,
			values as never,
			true,
			false,
			{ typeVersion: 1 },
			description,
		)!;

	test("the tool's description says that Send moves real money", () => {
		expect(replacements?.description).toMatch(/real money/);
		expect(replacements?.description).toMatch(/Send/);
	});

	test("Send: the agent fills prefix, phone, amount and client transaction ID; notify URL stays the user's", () => {
		const send = defaults(toolDescription, { resource: 'transfer', operation: 'send' });
		expect(send.dataMode).toBe('defineBelow');
		for (const [field, key] of [
			['prefix', 'prefix'],
			['phone', 'phone'],
			['amount', 'amount'],
			['clientTransactionId', 'client_transaction_id'],
		]) {
			expect([field, send[field]]).toEqual([field, expect.stringContaining(`$fromAI('${key}'`)]);
		}
		expect(send.amount).toContain("'number'");
		expect(send.notifyUrl).toBe('');
	});

	test("every $fromAI default parses with n8n's own parser, into the key, description and type it says", () => {
		const calls = allProperties(action.properties)
			.map(({ property }) => (property as INodeProperties).default)
			.filter((value): value is string => typeof value === 'string' && value.includes('$fromAI'));
		expect(calls.length).toBeGreaterThanOrEqual(10);
		for (const call of calls) {
			const [parsed, ...more] = extractFromAICalls(call);
			expect(more).toEqual([]);
			expect(parsed.key).toMatch(/^[a-z_]+$/);
			expect(parsed.description!.length).toBeGreaterThan(15);
			expect(call).toContain(`\`${parsed.description}\``);
			expect(call).toMatch(/^={{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\(/);
			expect(['string', 'number']).toContain(parsed.type);
		}
	});

	test('outside tool mode nothing changes: Map Automatically, no $fromAI', () => {
		const send = defaults(action, {
			resource: 'transfer',
			operation: 'send',
			dataMode: 'defineBelow',
		});
		expect(defaults(action, { resource: 'transfer', operation: 'send' }).dataMode).toBe(
			'autoMapInputData',
		);
		expect(JSON.stringify(send)).not.toContain('$fromAI');
		expect(send.prefix).toBe('225');
	});

	test("Get and Add: the IDs and the contact fields are the agent's", () => {
		const get = defaults(toolDescription, {
			resource: 'transfer',
			operation: 'get',
			searchBy: 'clientTransactionId',
		});
		expect(get.clientTransactionId).toContain("$fromAI('client_transaction_id'");
		const add = defaults(toolDescription, { resource: 'contact', operation: 'add' });
		for (const field of ['prefix', 'phone', 'name', 'surname', 'email']) {
			expect([field, add[field]]).toEqual([field, expect.stringContaining('$fromAI(')]);
		}
	});
});

describe('codex and metadata', () => {
	const codex = {
		action: readJson('nodes/CinetPay/CinetPayTransfer.node.json'),
		trigger: readJson('nodes/CinetPay/CinetPayTransferTrigger.node.json'),
	};
	const repository = /github\.com\/([^/]+\/[^/#.]+)/.exec(packageJson.repository.url)![1];

	test("each codex names its node and, for the trigger, the node's default version", () => {
		expect(codex.action.node).toBe(`${packageJson.name}.${action.name}`);
		expect(codex.trigger.node).toBe(`${packageJson.name}.${trigger.name}`);
		expect(codex.trigger.nodeVersion).toBe(`${trigger.defaultVersion}.0`);
		expect(codex.action.nodeVersion).toBe(`${action.version}.0`);
	});

	test.each(['action', 'trigger'] as const)('the %s codex has the aliases users type', (which) => {
		expect(codex[which].alias).toEqual(
			expect.arrayContaining([
				'Orange Money',
				'MTN MoMo',
				'Moov Money',
				'Wave',
				'mobile money',
				'payout',
				'virement',
				'paiement',
				'transfert',
			]),
		);
	});

	test('homepage, bugs, author, codex and credential links all point at the package repository', () => {
		// The author's e-mail (n8n lint requires one) is the maintainers' to give.
		expect(packageJson.author.email).toEqual(expect.stringContaining('@'));
		expect(packageJson.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
		const links = [
			packageJson.homepage,
			packageJson.bugs.url,
			`${packageJson.author.url}/${packageJson.name}`,
			new CinetPayTransferV1Api().documentationUrl,
			...Object.values(codex).flatMap((file) =>
				[...file.resources.primaryDocumentation, ...file.resources.credentialDocumentation].map(
					(link: { url: string }) => link.url,
				),
			),
		];
		for (const link of links) expect(link).toContain(`https://github.com/${repository}`);
		expect(repository.split('/')[1]).toBe(packageJson.name);
	});
});
