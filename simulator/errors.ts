/** An error of a control operation, carrying the HTTP status the control API answers with. */
export class SimulatorError extends Error {
	constructor(
		readonly httpStatus: number,
		message: string,
	) {
		super(message);
		this.name = 'SimulatorError';
	}
}
