import type { SimulatorVariants } from '../../simulator';

/**
 * The [field] shapes of CinetPay's v1 answer envelope that the spec leaves open (codes as strings
 * or numbers, errors with HTTP 200 or 4xx, results nested once or twice): the transport must read
 * each the same, and so must every operation on top of it. For `test.each` / `describe.each`.
 */
export const ENVELOPE_VARIANTS: Array<[string, Partial<SimulatorVariants>]> = [
	['as the 2018 document says', {}],
	['codes as strings', { codeType: 'string' }],
	['codes as numbers', { codeType: 'number' }],
	['errors as HTTP 4xx', { errorHttpStatus: 'http4xx' }],
	['single nesting', { nesting: 'single' }],
];
