/**
 * Set up before every test file (jest.config.js): the 2026 platform's facts.ts, as the package
 * reads it, answers from facts2026Override where a test sets a [guess] fact, and as facts.ts is
 * everywhere else. A test switches a fact with `facts2026Override.duplicateGuard = 'refused'`.
 */
jest.mock('../../nodes/CinetPay/transport/platform2026/facts', () =>
	(
		jest.requireActual('./facts2026Override') as typeof import('./facts2026Override')
	).factsWithOverride2026(jest.requireActual('../../nodes/CinetPay/transport/platform2026/facts')),
);
