/**
 * What the editor and the AI-agent tool promise about a reused transfer ID, per platform (defect 3):
 * v1's 805 is documented, so v1 may say a re-run is refused; on the 2026 platform no refusal of a
 * reused merchant ID is known, so nothing shown there may promise it.
 */
import type { INodeProperties } from 'n8n-workflow';

import { CinetPayTransfer } from '../../nodes/CinetPay/CinetPayTransfer.node';

const fields = new CinetPayTransfer().description.properties.filter(
	(p) => p.name === 'clientTransactionId',
);
/** The field as the editor shows it on a platform, or its AI-agent tool variant. */
const idField = ({
	platform,
	tool = false,
}: {
	platform: string;
	tool?: boolean;
}): INodeProperties => {
	const found = fields.filter(
		(p) =>
			(p.displayOptions?.show?.platform as string[] | undefined)?.includes(platform) &&
			(p.displayOptions?.show?.['@tool'] !== undefined) === tool,
	);
	expect(found).toHaveLength(1);
	return found[0];
};
const PROMISE = /805|refuses (an ID|to pay it twice|a second)/i;

test('v1: the Client Transaction ID field and its tool description say CinetPay refuses a reused ID (805)', () => {
	const field = idField({ platform: 'v1' });
	expect(field.description).toMatch(/805/);
	expect(String(idField({ platform: 'v1', tool: true }).default)).toMatch(
		/refuses to pay it twice/,
	);
});

test('2026: neither the field nor the tool promises a refusal; both say 30 letters, digits or -', () => {
	const field = idField({ platform: '2026' });
	expect(field.description).not.toMatch(PROMISE);
	expect(field.description).toMatch(/30 letters, digits or -/);
	expect(field.description).toMatch(/may pay again/);
	const tool = String(idField({ platform: '2026', tool: true }).default);
	expect(tool).not.toMatch(PROMISE);
	expect(tool).not.toMatch(/64|_ \. :/);
	expect(tool).toMatch(/30 letters, digits or -/);
});
