/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only test, never published: it reads the READMEs */
/**
 * README.fr.md is README.md in French: the same sections in the same order, each with as many
 * tables, code blocks and pictures. A section added to one README only fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Section {
	level: number;
	title: string;
	tables: number;
	codeBlocks: number;
	images: number;
}

export function sections(markdown: string): Section[] {
	const out: Section[] = [];
	let inCode = false;
	for (const line of markdown.split('\n')) {
		if (line.startsWith('```')) {
			if (!inCode && out.length) out[out.length - 1].codeBlocks++;
			inCode = !inCode;
			continue;
		}
		if (inCode) continue;
		const heading = /^(#{1,6})\s+(.*)$/.exec(line);
		if (heading) {
			out.push({
				level: heading[1].length,
				title: heading[2],
				tables: 0,
				codeBlocks: 0,
				images: 0,
			});
		} else if (out.length && /^\|\s*-{3}/.test(line)) {
			out[out.length - 1].tables++;
		} else if (out.length) {
			out[out.length - 1].images += (line.match(/!\[[^\]]*\]\([^)]+\)/g) ?? []).length;
		}
	}
	return out;
}

const english = readFileSync(join(ROOT, 'README.md'), 'utf8');
const french = readFileSync(join(ROOT, 'README.fr.md'), 'utf8');

describe('README.fr.md', () => {
	test('has the sections of README.md, in the same order and at the same levels', () => {
		const shape = (markdown: string) => sections(markdown).map((section) => section.level);
		expect(sections(french).length).toBeGreaterThan(10);
		expect(shape(french)).toEqual(shape(english));
	});

	test('each section has as many tables, code blocks and pictures as its English one', () => {
		const counts = (markdown: string) =>
			sections(markdown).map(({ level, tables, codeBlocks, images }) => ({
				level,
				tables,
				codeBlocks,
				images,
			}));
		const en = sections(english);
		counts(french).forEach((section, index) => {
			expect([en[index]?.title, section]).toEqual([en[index]?.title, counts(english)[index]]);
		});
	});

	test('the operations and options keep their English names, as the editor shows them', () => {
		for (const name of [
			'Balance → Get',
			'Contact → Add',
			'Transfer → Send',
			'Transfer → Get',
			'Simplify',
			'Account Country',
			'Notify URL',
		]) {
			expect([name, french.includes(name)]).toEqual([name, true]);
		}
	});

	test('each README links to the other', () => {
		expect(english).toContain('(README.fr.md)');
		expect(french).toContain('(README.md)');
	});

	test('sections() counts what it should', () => {
		const md = '# A\ntext\n## B\n| a |\n|---|\n| 1 |\n```sh\n# not a heading\n```\n![x](y.png)\n';
		expect(sections(md)).toEqual([
			{ level: 1, title: 'A', tables: 0, codeBlocks: 0, images: 0 },
			{ level: 2, title: 'B', tables: 1, codeBlocks: 1, images: 1 },
		]);
	});
});
