/**
 * n8n in queue mode (see e2e/queue/README.md): `npm run test:queue`.
 * One test file starts PostgreSQL, Redis, the simulator, an n8n main instance, two workers and a
 * webhook processor, then runs the five checks in order (each builds on the previous one).
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e/queue'],
	testMatch: ['**/*.queue.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json', isolatedModules: true }],
	},
	// dist snapshots live there (each with the package's package.json): keep them out of jest's module map.
	modulePathIgnorePatterns: ['<rootDir>/e2e/artifacts/'],
	globalSetup: '<rootDir>/e2e/queue/global-setup.ts',
	// A first run may install n8n (≈ 5 min, not timed by jest) and Debian's Redis; the cluster takes
	// ≈ 1 min to start on 2 cores, a 1,000-item payout and a worker crash take minutes.
	testTimeout: 600000,
	maxWorkers: 1,
};
