import type { TreatmentStatus } from '../../nodes/CinetPay/helpers/interfaces';
import { decide, type TransferState } from '../../nodes/CinetPay/trigger/decide';

const FINAL: TreatmentStatus[] = ['VAL', 'REJ'];
const api = (status: string, final = status === 'VAL' || status === 'REJ'): TransferState => ({ status, final });

describe('decide: the API decides, the claim only says what to wait for', () => {
	test.each<[string, TreatmentStatus | undefined, TransferState | undefined, TreatmentStatus[], string]>([
		['v1: the API agrees and VAL is selected', 'VAL', api('VAL'), FINAL, 'start'],
		['the API does not know the ID (yet)', 'VAL', undefined, FINAL, 'behind'],
		['2026: the API does not know the ID (yet)', undefined, undefined, FINAL, 'behind'],
		['VAL claimed while the API still says REC', 'VAL', api('REC'), FINAL, 'behind'],
		['VAL claimed while the API still says NEW', 'VAL', api('NEW'), FINAL, 'behind'],
		['REC claimed while the API says NOS: one stage, not behind', 'REC', api('NOS'), ['REC'], 'ignore'],
		['NOS claimed while the API says REC, REC selected', 'NOS', api('REC'), ['REC'], 'start'],
		['REC claimed after the API reached VAL, VAL selected: VAL starts', 'REC', api('VAL'), ['REC', 'VAL'], 'start'],
		['VAL claimed while the API says REJ, only VAL selected', 'VAL', api('REJ'), ['VAL'], 'ignore'],
		['NEW claimed after the API moved to REC, NEW selected', 'NEW', api('REC'), ['NEW'], 'ignore'],
		['2026: PENDING (REC) while only final statuses are selected', undefined, api('REC'), FINAL, 'behind'],
		['2026: PENDING (REC) selected', undefined, api('REC'), ['REC'], 'start'],
		['2026: REC while only NEW is selected: nothing later to wait for', undefined, api('REC'), ['NEW'], 'ignore'],
		['2026: a code this node does not know (UNKNOWN) is not final', undefined, api('UNKNOWN'), FINAL, 'behind'],
		['2026: a final status not selected', undefined, api('REJ'), ['VAL'], 'ignore'],
		['a status the transport marks final', undefined, { status: 'UNKNOWN', final: true }, FINAL, 'ignore'],
	])('%s → %s', (_label, claimed, state, selected, expected) => {
		const verdict = decide(claimed, state, selected);
		expect(verdict.outcome).toBe(expected);
		if ('detail' in verdict) expect(verdict.detail).not.toBe('');
	});
});
