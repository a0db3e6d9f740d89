/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json' }],
	},
	// facts.ts's [guess] facts can be switched per test (test/helpers/facts2026Override.ts).
	setupFilesAfterEnv: ['<rootDir>/test/helpers/facts2026Mock.ts'],
	// Integration tests start simulators and servers on 127.0.0.1; give them room on a 2-core box.
	testTimeout: 30000,
};
