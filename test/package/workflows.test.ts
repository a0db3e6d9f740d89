/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only test, never published: it reads the repository's workflow files */
/**
 * The GitHub workflows, parsed as GitHub reads them. A `${{ … }}` that lost its braces is no
 * error for YAML nor for GitHub: `group: ci-$` put every CI run in one concurrency group, and
 * `NPM_TOKEN: $` would have written a literal `$` as the npm token. This test finds such values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

const WORKFLOWS_DIR = join(__dirname, '..', '..', '.github', 'workflows');

/** GitHub's expression contexts and functions (docs: "Contexts", "Expressions"). */
const EXPRESSION_ROOTS = new Set([
	'github',
	'env',
	'vars',
	'job',
	'jobs',
	'steps',
	'runner',
	'secrets',
	'strategy',
	'matrix',
	'needs',
	'inputs',
	'true',
	'false',
	'null',
	'contains',
	'startsWith',
	'endsWith',
	'format',
	'join',
	'toJSON',
	'fromJSON',
	'hashFiles',
	'success',
	'always',
	'cancelled',
	'failure',
	'case',
]);

/** After `$` in a shell script: a variable, `${…}`, `$(…)`, `$((…))` or a special parameter. */
const SHELL_DOLLAR = /^[A-Za-z_{(0-9@*#?!$-]/;

export interface Finding {
	path: string;
	message: string;
}

interface StringValue {
	path: string;
	key: string;
	value: string;
}

function stringValues(
	node: YamlNode | null | undefined,
	path: string,
	key: string,
	out: StringValue[],
) {
	if (isScalar(node)) {
		if (typeof node.value === 'string') out.push({ path, key, value: node.value });
	} else if (isMap(node)) {
		for (const pair of node.items) {
			if (!isPair(pair)) continue;
			const name = isScalar(pair.key) ? String(pair.key.value) : '?';
			stringValues(pair.key as YamlNode, `${path}.${name}(key)`, '', out);
			stringValues(pair.value as YamlNode, `${path}.${name}`, name, out);
		}
	} else if (isSeq(node)) {
		node.items.forEach((item, index) =>
			stringValues(item as YamlNode, `${path}[${index}]`, key, out),
		);
	}
}

/** Every value of a workflow file where an expression is broken or has lost its `${{ }}`. */
export function findBrokenExpressions(source: string): Finding[] {
	const document = parseDocument(source);
	const findings: Finding[] = document.errors.map((error) => ({
		path: '(file)',
		message: error.message,
	}));
	const values: StringValue[] = [];
	stringValues(document.contents as YamlNode, '', '', values);

	for (const { path, key, value } of values) {
		let rest = '';
		let index = 0;
		while (index < value.length) {
			const open = value.indexOf('${{', index);
			if (open === -1) {
				rest += value.slice(index);
				break;
			}
			rest += value.slice(index, open) + ' ';
			const close = value.indexOf('}}', open + 3);
			if (close === -1) {
				findings.push({ path, message: `"${value}": \${{ without }}` });
				index = value.length;
				break;
			}
			const body = value.slice(open + 3, close).trim();
			const root = /^!?\s*\(*\s*([A-Za-z_][A-Za-z0-9_-]*)/.exec(body)?.[1];
			if (body === '') findings.push({ path, message: `"${value}": empty expression` });
			else if (root === undefined || !EXPRESSION_ROOTS.has(root)) {
				findings.push({
					path,
					message: `"${value}": "${body}" is not a context or function GitHub knows`,
				});
			}
			index = close + 2;
		}
		if (key !== 'run') {
			// Outside a script, GitHub substitutes nothing but ${{ }}: any other `$` or braces are
			// what is left of an expression.
			if (/\$|\{\{|\}\}/.test(rest)) {
				findings.push({ path, message: `"${value}": a $ or {{ }} outside a \${{ }} expression` });
			}
			continue;
		}
		for (let at = rest.indexOf('$'); at !== -1; at = rest.indexOf('$', at + 1)) {
			if (!SHELL_DOLLAR.test(rest.slice(at + 1))) {
				findings.push({
					path,
					message: `a lone $ in the script: "${rest.slice(Math.max(0, at - 20), at + 20)}"`,
				});
			}
		}
		if (/\{\{|\}\}/.test(rest))
			findings.push({ path, message: 'braces {{ }} without $ in the script' });
	}
	return findings;
}

const workflowFiles = readdirSync(WORKFLOWS_DIR).filter((name) => /\.ya?ml$/.test(name));

interface WorkflowStep {
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}

interface WorkflowJob {
	if?: string;
	permissions?: Record<string, string>;
	steps: WorkflowStep[];
}

interface Workflow {
	on: Record<string, { tags?: string[]; branches?: string[] } | null>;
	jobs: Record<string, WorkflowJob>;
}

function workflow(name: string): Workflow {
	return parseDocument(readFileSync(join(WORKFLOWS_DIR, name), 'utf8')).toJS() as Workflow;
}

function runLines(job: WorkflowJob): string {
	return job.steps.map((step) => String(step.run ?? '')).join('\n');
}

describe('findBrokenExpressions', () => {
	test('finds the values the workflows had lost their ${{ }} in', () => {
		const broken = [
			'concurrency:',
			'  group: ci-$',
			'jobs:',
			'  publish:',
			'    steps:',
			'      - run: |',
			'          [ -n "$NPM_TOKEN" ] && npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"',
			'        env:',
			'          NPM_TOKEN: $',
		].join('\n');
		expect(findBrokenExpressions(broken).map((finding) => finding.path)).toEqual([
			'.concurrency.group',
			'.jobs.publish.steps[0].env.NPM_TOKEN',
		]);
	});

	test.each([
		['braces without $', 'env:\n  A: "{{ secrets.X }}"'],
		['an expression without }}', 'env:\n  A: ${{ secrets.X'],
		['an empty expression', 'env:\n  A: ${{ }}'],
		['an unknown context', 'env:\n  A: ${{ secret.X }}'],
		['a lone $ in a script', 'jobs:\n  a:\n    steps:\n      - run: echo $ done'],
	])('reports %s', (_, source) => {
		expect(findBrokenExpressions(source)).toHaveLength(1);
	});

	test('leaves shell variables and well-formed expressions alone', () => {
		const fine = [
			'jobs:',
			'  a:',
			"    if: ${{ github.event_name == 'schedule' || inputs.long-suites }}",
			'    steps:',
			'      - run: |',
			'          v="$(node -p 1)"; echo "${v}" $HOME $1 $? ${{ matrix.node }}',
		].join('\n');
		expect(findBrokenExpressions(fine)).toEqual([]);
	});
});

describe('.github/workflows', () => {
	test('there are workflow files', () => {
		expect(workflowFiles).toEqual(
			expect.arrayContaining(['ci.yml', 'publish.yml', 'sandbox-probe.yml']),
		);
	});

	test.each(workflowFiles)('%s: every expression has its ${{ }}', (name) => {
		expect(findBrokenExpressions(readFileSync(join(WORKFLOWS_DIR, name), 'utf8'))).toEqual([]);
	});

	test('CI runs lint, typecheck, build and the unit tests on pushes and pull requests', () => {
		const ci = workflow('ci.yml');
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
		const check = ci.jobs.check;
		expect(check.if).toBeUndefined();
		const script = runLines(check);
		for (const command of [
			'npm ci',
			'npm run lint',
			'npm run typecheck',
			'npm run build',
			'npx jest',
		]) {
			expect(script).toContain(command);
		}
	});

	test('CI runs the long suites on a schedule or by hand, not on every push', () => {
		const ci = workflow('ci.yml');
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['schedule', 'workflow_dispatch']));
		const long = ci.jobs['long-suites'];
		expect(runLines(long)).toContain('npm run test:all');
		expect(long.if).toMatch(/schedule/);
		expect(long.if).toMatch(/workflow_dispatch/);
		expect(long.if).not.toMatch(/push|pull_request/);
	});

	test('publish runs `npm run release` from a version tag, with the OIDC token provenance needs', () => {
		const publish = workflow('publish.yml');
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.on.push?.tags).toEqual(['*.*.*']);
		expect(publish.on.push?.branches).toBeUndefined();
		const job = publish.jobs.publish;
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		const script = runLines(job);
		expect(script).toContain('npm ci');
		expect(script).toContain('npm run release');
		// `npm publish` directly would skip n8n-node's release mode (lint, build, provenance).
		expect(script).not.toMatch(/npm publish/);
		expect(job.steps.find((step) => step.env?.NPM_TOKEN)?.env?.NPM_TOKEN).toBe(
			'${{ secrets.NPM_TOKEN }}',
		);
	});

	test('the sandbox probe runs by hand only, with the sandbox secrets, and keeps its report', () => {
		const source = readFileSync(join(WORKFLOWS_DIR, 'sandbox-probe.yml'), 'utf8');
		const probe = workflow('sandbox-probe.yml');
		// Never on a pull request (its code could read the secrets), a push or a schedule.
		expect(Object.keys(probe.on)).toEqual(['workflow_dispatch']);
		const [job, ...others] = Object.values(probe.jobs);
		expect(others).toEqual([]);
		// Read-only: the probe writes nothing back to the repository.
		expect((probe as unknown as { permissions: unknown }).permissions).toEqual({
			contents: 'read',
		});
		expect(runLines(job)).toContain('npm ci');
		const step = job.steps.find((s) => s.run === 'npm run probe:2026');
		expect(step?.env).toMatchObject({
			CINETPAY_API_KEY: '${{ secrets.CINETPAY_SANDBOX_API_KEY }}',
			CINETPAY_API_PASSWORD: '${{ secrets.CINETPAY_SANDBOX_API_PASSWORD }}',
			CINETPAY_COUNTRY: '${{ inputs.country }}',
			CINETPAY_PROBE_REPORT: expect.stringMatching(/^probe-report\//),
		});
		// Credentials come from secrets only: no literal key, no key from an input.
		expect(source).not.toMatch(/sk_(test|live)_\w/);
		for (const [name, value] of Object.entries(step?.env ?? {}))
			if (/KEY|PASSWORD/.test(name)) expect(value).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
		const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
		expect(upload?.with?.path).toBe('probe-report/');
		expect(String((upload as { if?: string } | undefined)?.if)).toMatch(/always\(\)/);
	});
});
