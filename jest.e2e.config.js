/**
 * End-to-end tests against a real n8n (see e2e/): `npm run test:e2e`.
 * Each test file starts its own n8n (≈ 10–15 s on 2 cores) and runs serially (--runInBand).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/tests/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json', isolatedModules: true }],
	},
	// dist snapshots live there (each with the package's package.json): keep them out of jest's module map.
	modulePathIgnorePatterns: ['<rootDir>/e2e/artifacts/'],
	globalSetup: '<rootDir>/e2e/global-setup.ts',
	// A first run of the global setup installs n8n (≈ 5 min); jest does not time it out. Tests wait
	// for n8n to start, for workflows and for a browser on a 2-core machine.
	testTimeout: 180000,
	maxWorkers: 1,
};
