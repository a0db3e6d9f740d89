import { checkSecret } from '../../nodes/CinetPay/trigger/secret';

describe('checkSecret', () => {
	test.each([
		['', undefined, 'not-required'],
		['  ', 'anything', 'not-required'],
		['s3cret', undefined, 'missing'],
		['s3cret', '', 'missing'],
		['s3cret', 's3cret', 'accepted'],
		[' s3cret ', 's3cret', 'accepted'],
		['s3cret', 'S3CRET', 'wrong'],
		['s3cret', 's3cret-and-more', 'wrong'],
		['s3cret', ['s3cret', 's3cret'], 'wrong'],
		['s3cret', { value: 's3cret' }, 'wrong'],
	])('expected %j, given %j → %s', (expected, given, verdict) => {
		expect(checkSecret(expected, given)).toBe(verdict);
	});
});
