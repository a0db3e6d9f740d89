/* eslint-disable no-console -- dev-only tooling, never published: it runs servers and processes on 127.0.0.1 */
/** Console output of the simulator (the CLI's live view); silent in-process by default. */
export interface Logger {
	info(message: string): void;
	warn(message: string): void;
}

export const SILENT_LOGGER: Logger = { info: () => undefined, warn: () => undefined };

export function consoleLogger(): Logger {
	const stamp = () => new Date().toISOString().slice(11, 23);
	return {
		info: (message) => console.log(`${stamp()} ${message}`),
		warn: (message) => console.warn(`${stamp()} ! ${message}`),
	};
}
