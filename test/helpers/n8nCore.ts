/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness: runs the package on n8n-core, never published */
/**
 * The package's nodes run on n8n's own engine, in process, the way n8n's node tests do
 * (n8n-io/n8n, packages/core/nodes-testing): a workflow [Input → CinetPay Transfer] goes through
 * n8n-core 2.41.1's `WorkflowExecute`, the node runs in n8n-core's `ExecuteContext`, and the
 * trigger answers in n8n-core's `WebhookContext` (see webhookHarness.ts). HTTP goes through
 * n8n-core's own request helpers (`httpRequestWithAuthentication`, n8n's axios client) to the
 * simulator on 127.0.0.1.
 *
 * So these come from n8n-core's code, as users meet them: parameter defaults (n8n-workflow's
 * Workflow), `pairedItem`, Continue On Fail and "On Error" (`continueRegularOutput`,
 * `continueErrorOutput` → WorkflowExecute.handleNodeErrorOutput), Retry On Fail (maxTries,
 * waitBetweenTries), the run index, the node's execution context data (`getContext('node')`),
 * the error n8n keeps for a failed execution, the call of the credential's `preAuthentication` when
 * its expirable field is empty (the transport empties it to renew a session) and the storing of
 * its result through the credentials helper, the credential's `authenticate`, and the HTTP client.
 * `executeContext` gives n8n-core's ExecuteContext outside a run, for tests of the transport.
 * The workflow's first node, `Input`, is a test node: it hands on the test's items, as a trigger
 * would.
 *
 * Stand-ins, and why:
 * - `TestCredentialsHelper`: n8n-core only defines the ICredentialsHelper interface; the real one
 *   lives in packages/cli with a database, encryption, external secrets and dynamic credentials.
 *   Ours does what cli's does for the package's two credential types (v1's, and the 2026
 *   platform's when the node's `platform` is 2026): `getDecrypted` fills the type's defaults,
 *   `preAuthentication` runs the credential's hook when the `expirable` field is empty or n8n says
 *   it expired, keeps the result only if it sets that field, and stores it (CredentialStore plays
 *   the database row; `writes` counts updates); `authenticate` calls the type's function.
 *   Credential expressions are not resolved (the credential has none).
 * - Logger and ErrorReporter: n8n's winston logger and Sentry reporter are replaced by recorders,
 *   so tests can scan every logged line for secrets (`capturedLogLines`).
 * - InstanceSettings: the real one reads and writes ~/.n8n/config (an encryption key); ours holds
 *   an instance ID and a folder under the temp dir, nothing is written there.
 * - The execution lifecycle's persistence (database, push to the editor) is absent: n8n-core's
 *   ExecutionLifecycleHooks run with no handlers but ours.
 * - Expressions: n8n-workflow's legacy in-process engine; n8n 2.x servers use an isolated-vm
 *   engine, which has no build for Node 20 (the same expressions, another evaluator).
 * - "The same execution, run again" (`executionId` reused, or `nodeContext`): each run is a fresh
 *   WorkflowExecute; runs given the same executionId share the node's context data, as the tries
 *   of one execution do. A `runIndex` > 0 is n8n's count of earlier runs of the node in this
 *   execution: the harness records that many earlier (empty) runs, as a loop would have left.
 */
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	ErrorReporter,
	ExecuteContext,
	ExecutionLifecycleHooks,
	InstanceSettings,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	Expression,
	ICredentialsHelper,
	isExpression,
	LoggerProxy,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import { CinetPay2026Api } from '../../credentials/CinetPay2026Api.credentials';
import { CinetPayTransferV1Api } from '../../credentials/CinetPayTransferV1Api.credentials';
import { CinetPayTransfer } from '../../nodes/CinetPay/CinetPayTransfer.node';
import { CinetPayTransferTrigger } from '../../nodes/CinetPay/CinetPayTransferTrigger.node';

export const CREDENTIAL_TYPE = 'cinetPayTransferApi';
/** The 2026 platform's credential, which the node uses when its `platform` is `2026`. */
export const CREDENTIAL_TYPE_2026 = 'cinetPayApi';
const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	[CREDENTIAL_TYPE]: new CinetPayTransferV1Api(),
	[CREDENTIAL_TYPE_2026]: new CinetPay2026Api(),
};

/** The credential the node's parameters select, as the editor would attach it. */
function credentialsOf(parameters: IDataObject | undefined): INode['credentials'] {
	const type = parameters?.platform === '2026' ? CREDENTIAL_TYPE_2026 : CREDENTIAL_TYPE;
	return { [type]: CREDENTIAL_REFERENCE };
}
export const NODE_NAME = 'CinetPay Transfer';
export const INPUT_NODE_NAME = 'Input';
export const TRANSFER_NODE_TYPE = 'CUSTOM.cinetPayTransfer';
export const TRIGGER_NODE_TYPE = 'CUSTOM.cinetPayTransferTrigger';
const INPUT_NODE_TYPE = 'test.input';
export const CREDENTIAL_REFERENCE = { id: '1', name: 'CinetPay account' };

// ── n8n-core's service container ──────────────────────────────────────────────────────────────
// n8n-core resolves its services (@n8n/di) from its own copies of @n8n/di and
// @n8n/backend-common, which differ from the ones other dev tools pull in: take them from there.
const coreRequire = createRequire(require.resolve('n8n-core'));
interface ServiceContainer {
	set(type: unknown, instance: unknown): void;
}
const { Container } = coreRequire('@n8n/di') as { Container: ServiceContainer };
const { Logger } = coreRequire('@n8n/backend-common') as { Logger: unknown };

/** Every line logged through n8n's logger while nodes ran, for secret scans. */
export const capturedLogLines: string[] = [];

type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'verbose';
const logTo =
	(level: LogLevel) =>
	(message: string, meta?: unknown): void => {
		capturedLogLines.push(`${level} ${message} ${safeJson(meta)}`);
	};
const recordingLogger = {
	debug: logTo('debug'),
	info: logTo('info'),
	warn: logTo('warn'),
	error: logTo('error'),
	verbose: logTo('verbose'),
	scoped: () => recordingLogger,
};

/** What n8n's crash reporter (Sentry) was given. */
export const reportedErrors: unknown[] = [];

const instanceSettings = {
	instanceId: 'test-instance-0001',
	hmacSignatureSecret: 'test-hmac-secret',
	n8nFolder: join(tmpdir(), 'n8n-nodes-cinetpay-core-harness'),
	instanceType: 'main',
	isWorker: false,
};

Container.set(Logger, recordingLogger);
Container.set(ErrorReporter, {
	error: (error: unknown) => reportedErrors.push(error),
	warn: () => undefined,
	info: () => undefined,
});
Container.set(InstanceSettings, instanceSettings);
LoggerProxy.init(recordingLogger);

/**
 * How many expressions n8n's evaluator has resolved in this process: the evaluator itself is
 * n8n-workflow's, only counted here.
 */
let expressionEvaluations = 0;
const resolveExpression = Expression.prototype.resolveSimpleParameterValue;
Expression.prototype.resolveSimpleParameterValue = function (this: Expression, ...args) {
	if (isExpression(args[0])) expressionEvaluations++;
	return resolveExpression.apply(this, args);
};

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value ?? '');
	} catch {
		return String(value);
	}
}

// ── Node and credential types ────────────────────────────────────────────────────────────────

/** The start of every test workflow: passes the items it is given on, like a trigger's output. */
class InputNode implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: 'Hands the test items to the next node',
		defaults: { name: INPUT_NODE_NAME },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: [],
	};

	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	}
}

/** n8n's node registry for this package; `trigger` lets a test load a fresh module ("restart"). */
export class PackageNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType>;

	/** How often n8n called the CinetPay Transfer node's execute (Retry On Fail tries). */
	get transferRuns(): number {
		return this.runs.count;
	}

	private readonly runs = { count: 0 };

	constructor(trigger: INodeType = new CinetPayTransferTrigger()) {
		const transfer = new CinetPayTransfer();
		const execute = transfer.execute;
		const runs = this.runs;
		transfer.execute = async function (this: IExecuteFunctions) {
			runs.count++;
			return await execute.call(this);
		};
		this.types = {
			[INPUT_NODE_TYPE]: new InputNode(),
			[TRANSFER_NODE_TYPE]: transfer,
			[TRIGGER_NODE_TYPE]: trigger,
		};
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * n8n's credential row: the decrypted data, how often n8n read and decrypted it for a node (each
 * read costs n8n 2.x an expression isolate in a webhook), and how often n8n wrote it back.
 */
export interface CredentialStore {
	data: ICredentialDataDecryptedObject;
	reads: number;
	writes: number;
}

export function credentialStore(data: ICredentialDataDecryptedObject): CredentialStore {
	return { data: { sessionToken: '', sessionIssuedAt: 0, ...data }, reads: 0, writes: 0 };
}

/** What packages/cli's CredentialsHelper does for this package's credential (see the header). */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: CredentialStore) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string) {
		return this.typeOf(type).properties;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.store.reads++;
		return NodeHelpers.getNodeParameters(
			this.typeOf(type).properties,
			{ ...this.store.data } as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		type: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.typeOf(type);
		if (typeof authenticate !== 'function') return requestOptions;
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		type: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.typeOf(type);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		const { preAuthentication } = credentialType;
		if (expirable === undefined || typeof preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = (await preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		// cli stores the output only when it sets the expirable field.
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		await this.updateCredentials(CREDENTIAL_REFERENCE, type, { ...this.store.data, ...output });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		type: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.typeOf(type);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('The test credentials helper keeps no encrypted credentials');
	}

	async updateCredentials(_reference: unknown, type: string, data: ICredentialDataDecryptedObject) {
		this.typeOf(type);
		this.store.data = { ...data };
		this.store.writes++;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		throw new Error('CinetPay credentials have no OAuth token');
	}

	private typeOf(type: string): ICredentialType {
		const credentialType = CREDENTIAL_TYPES[type];
		if (!credentialType) throw new Error(`Unknown credential type ${type}`);
		return credentialType;
	}
}

// ── One execution ────────────────────────────────────────────────────────────────────────────

export interface AdditionalDataOptions {
	store?: CredentialStore;
	credentialsHelper?: ICredentialsHelper;
	executionId: string;
	hooks: ExecutionLifecycleHooks;
	webhookBaseUrl?: string;
	httpRequest?: unknown;
	httpResponse?: unknown;
}

/** What n8n's cli hands WorkflowExecute and the node contexts for one execution. */
export function additionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const credentialsHelper =
		options.credentialsHelper ??
		new TestCredentialsHelper(options.store ?? credentialStore({ apiKey: '', password: '' }));
	const webhookBaseUrl = options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook';
	const unavailable = (what: string) => async () => {
		throw new Error(`${what} is not available in the n8n-core test harness`);
	};
	return {
		credentialsHelper,
		hooks: options.hooks,
		executionId: options.executionId,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl,
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		httpRequest: options.httpRequest,
		httpResponse: options.httpResponse,
		executeWorkflow: unavailable('Execute Workflow'),
		getRunExecutionData: unavailable('getRunExecutionData'),
		startRunnerTask: unavailable('The task runner'),
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function lifecycleHooks(mode: WorkflowExecuteMode, executionId: string, workflowId: string) {
	const workflowData = {
		id: workflowId,
		name: 'CinetPay test workflow',
		active: false,
		nodes: [],
		connections: {},
		createdAt: new Date(0),
		updatedAt: new Date(0),
	} as unknown as IWorkflowBase;
	return new ExecutionLifecycleHooks(mode, executionId, workflowData);
}

export interface NodeSettings {
	/** The node setting "On Error: Continue" (n8n stores it as `onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	retryOnFail?: boolean;
	maxTries?: number;
	/** ms; n8n's default is 1000, the harness's 0 (n8n accepts 0 to 5000). */
	waitBetweenTries?: number;
	nodeId?: string;
}

export interface CoreRunOptions extends NodeSettings {
	store: CredentialStore;
	executionId?: string;
	/** n8n's count of earlier runs of this node in the execution (a loop). */
	runIndex?: number;
	/** The node's execution context data; by default one per executionId (see the header). */
	nodeContext?: IDataObject;
	instanceId?: string;
	mode?: WorkflowExecuteMode;
}

export interface CoreRun {
	/** The node's first output: its items, or with "Continue (using error output)" the successes. */
	main: INodeExecutionData[];
	/** n8n's error output ("On Error: Continue (using error output)"), else empty. */
	errorOutput: INodeExecutionData[];
	/** The error that stopped the execution, as n8n keeps it in the execution's data. */
	error?: Error & IDataObject;
	/** How often n8n ran the node (more than once with Retry On Fail). */
	nodeRuns: number;
	/** Expressions n8n evaluated during the run (parameters written as `={{ … }}`). */
	expressionEvaluations: number;
	/** The node's task data as n8n records it (status, error, source, hints). */
	task?: ITaskData;
	run: IRun;
	store: CredentialStore;
}

const nodeContextsByExecution = new Map<string, IDataObject>();

/**
 * A run without an executionId is its own execution, as in n8n: a fresh node context. Runs that
 * must share one (n8n retrying a failed execution carries its context) pass the same executionId.
 */
let executionsStarted = 0;
function newExecutionId(): string {
	executionsStarted += 1;
	return `exec-${executionsStarted}`;
}

/** The node's context data of an execution: the given one, or the one runs of that ID share. */
function nodeContextOf(executionId: string, given?: IDataObject): IDataObject {
	if (given) return given;
	let context = nodeContextsByExecution.get(executionId);
	if (!context) nodeContextsByExecution.set(executionId, (context = {}));
	return context;
}

/** Runs [Input → CinetPay Transfer] on n8n-core's WorkflowExecute and returns the node's outputs. */
export async function runWorkflow(
	parameters: IDataObject,
	items: IDataObject[] | INodeExecutionData[],
	options: CoreRunOptions,
): Promise<CoreRun> {
	const executionId = options.executionId ?? newExecutionId();
	const mode = options.mode ?? 'manual';
	const runIndex = options.runIndex ?? 0;
	instanceSettings.instanceId = options.instanceId ?? 'test-instance-0001';

	const transferNode: INode = {
		id: options.nodeId ?? '4f1c2a9e-1111-4222-8333-944455556666',
		name: NODE_NAME,
		type: TRANSFER_NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: structuredClone(parameters) as INodeParameters,
		credentials: credentialsOf(parameters),
		...nodeSettings(options),
	};
	const nodeTypes = new PackageNodeTypes();
	const workflow = new Workflow({
		id: 'wf-cinetpay',
		name: 'CinetPay test workflow',
		active: false,
		nodeTypes,
		nodes: [
			{
				id: 'input-0',
				name: INPUT_NODE_NAME,
				type: INPUT_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			transferNode,
		],
		connections: { [INPUT_NODE_NAME]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	});

	const nodeContext = nodeContextOf(executionId, options.nodeContext);
	const inputItems: INodeExecutionData[] = (items as Array<IDataObject | INodeExecutionData>).map(
		(item) => (isExecutionItem(item) ? item : { json: item }),
	);
	const runExecutionData = createRunExecutionData({
		resultData: { runData: earlierRuns(runIndex) },
		executionData: {
			// n8n-workflow's getContext keys a node's context data by `node:<name>`.
			contextData: { [`node:${NODE_NAME}`]: nodeContext },
			nodeExecutionStack: [
				{ node: workflow.getNode(INPUT_NODE_NAME)!, data: { main: [inputItems] }, source: null },
			],
		},
	});

	const hooks = lifecycleHooks(mode, executionId, workflow.id);
	const data = additionalData({ store: options.store, executionId, hooks });
	const evaluationsBefore = expressionEvaluations;
	const run = await new WorkflowExecute(data, mode, runExecutionData).processRunExecutionData(
		workflow,
	);

	const task = run.data.resultData.runData[NODE_NAME]?.[runIndex];
	const outputs = task?.data?.main ?? [];
	const stored = run.data.resultData.error;
	return {
		main: outputs[0] ?? [],
		errorOutput: options.onError === 'continueErrorOutput' ? (outputs[1] ?? []) : [],
		error: stored ? asError(stored as unknown as IDataObject) : undefined,
		nodeRuns: nodeTypes.transferRuns,
		expressionEvaluations: expressionEvaluations - evaluationsBefore,
		task,
		run,
		store: options.store,
	};
}

export interface ExecuteContextOptions extends NodeSettings {
	parameters?: IDataObject;
	items?: INodeExecutionData[];
	store: CredentialStore;
	executionId?: string;
	mode?: WorkflowExecuteMode;
	/** The node's execution context data (`getContext('node')`); by default one per executionId. */
	nodeContext?: IDataObject;
	instanceId?: string;
}

/**
 * n8n-core's own ExecuteContext for the CinetPay Transfer node, outside a workflow run: for tests
 * that call the transport or an operation's helpers directly (credentials, request helpers,
 * logger and errors are n8n's, as in a run).
 */
export function executeContext(options: ExecuteContextOptions): IExecuteFunctions {
	const executionId = options.executionId ?? '101';
	const mode = options.mode ?? 'manual';
	const items = options.items ?? [{ json: {} }];
	const workflow = new Workflow({
		id: 'wf-cinetpay',
		active: false,
		nodeTypes: new PackageNodeTypes(),
		nodes: [
			{
				id: options.nodeId ?? '4f1c2a9e-1111-4222-8333-944455556666',
				name: NODE_NAME,
				type: TRANSFER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: structuredClone(options.parameters ?? {}) as INodeParameters,
				credentials: credentialsOf(options.parameters),
				...nodeSettings(options),
			},
		],
		connections: {},
	});
	const node = workflow.getNode(NODE_NAME)!;
	const data = additionalData({
		store: options.store,
		executionId,
		hooks: lifecycleHooks(mode, executionId, workflow.id),
	});
	const executeData = { node, data: { main: [items] }, source: null };
	instanceSettings.instanceId = options.instanceId ?? 'test-instance-0001';
	const contextData = { [`node:${NODE_NAME}`]: nodeContextOf(executionId, options.nodeContext) };
	return new ExecuteContext(
		workflow,
		node,
		data,
		mode,
		createRunExecutionData({ executionData: { contextData, nodeExecutionStack: [executeData] } }),
		0,
		items,
		{ main: [items] },
		executeData,
		[],
	);
}

/**
 * Today's runNode contract on n8n-core: the node's first output, or the execution's error thrown.
 * `continueOnFail` is n8n's "On Error: Continue".
 */
export async function runNode(
	parameters: IDataObject,
	items: IDataObject[],
	options: CoreRunOptions,
): Promise<INodeExecutionData[]> {
	const result = await runWorkflow(parameters, items, options);
	if (result.error) throw result.error;
	return result.main;
}

function nodeSettings(options: NodeSettings): Partial<INode> {
	const settings: Partial<INode> = {};
	const onError = options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined);
	if (onError) settings.onError = onError;
	if (options.retryOnFail) {
		settings.retryOnFail = true;
		settings.maxTries = options.maxTries ?? 3;
		settings.waitBetweenTries = options.waitBetweenTries ?? 0;
	}
	return settings;
}

/** What a loop leaves in the run data after running the node `count` times before. */
function earlierRuns(count: number): IRunExecutionData['resultData']['runData'] {
	if (count === 0) return {};
	const earlier: ITaskData = {
		startTime: 0,
		executionTime: 0,
		executionIndex: 0,
		executionStatus: 'success',
		source: [{ previousNode: INPUT_NODE_NAME }],
		data: { main: [[]] },
	};
	return { [NODE_NAME]: Array.from({ length: count }, () => ({ ...earlier })) };
}

function isExecutionItem(item: IDataObject | INodeExecutionData): item is INodeExecutionData {
	const keys = Object.keys(item);
	return (
		keys.includes('json') &&
		keys.every((key) => ['json', 'binary', 'pairedItem', 'error'].includes(key))
	);
}

/**
 * n8n keeps a failed execution's error as a plain copy of the node's error (own fields, message,
 * stack); made an Error again so `rejects.toThrow` works, with every field kept.
 */
function asError(stored: IDataObject): Error & IDataObject {
	const error = new Error(String(stored.message)) as Error & IDataObject;
	Object.assign(error, stored);
	return error;
}
