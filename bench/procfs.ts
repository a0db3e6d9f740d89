/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only benchmark, never published */
/**
 * Memory of n8n's processes from /proc (Linux): resident set size now, its peak since a reset
 * (VmHWM, reset by writing 5 to /proc/<pid>/clear_refs), a sampler that catches peaks between
 * reads, and the machine the numbers come from.
 */
import * as fs from 'fs';
import * as os from 'os';

const KB = 1024;

export interface ProcessMemory {
	rssBytes: number;
	peakBytes: number;
}

export function memoryOf(pid: number): ProcessMemory | undefined {
	let status: string;
	try {
		status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined; // gone
	}
	const field = (name: string) =>
		Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * KB;
	return { rssBytes: field('VmRSS'), peakBytes: field('VmHWM') };
}

/** Starts a new VmHWM period at the current RSS (Linux ≥ 4.0; the caller owns the process). */
export function resetPeak(pid: number): void {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	} catch {
		// not ours or gone: the sampler's maximum still stands
	}
}

/** Every process below `pid` (n8n's task runner and anything it starts). */
export function descendants(pid: number): number[] {
	const parentOf = new Map<number, number>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// "pid (comm) state ppid …": comm may hold spaces or parentheses, so split after the last ')'.
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// exited meanwhile
		}
	}
	const found: number[] = [];
	const queue = [pid];
	while (queue.length > 0) {
		const parent = queue.shift()!;
		for (const [child, ppid] of parentOf) {
			if (ppid === parent && !found.includes(child)) {
				found.push(child);
				queue.push(child);
			}
		}
	}
	return found;
}

export interface MemoryPeaks {
	/** n8n's main process. */
	mainPeakBytes: number;
	/** The task runner(s), summed: they run the Code node that makes the items. */
	runnerPeakBytes: number;
}

/**
 * Samples the RSS of n8n's main process and its descendants every `intervalMs` and combines it
 * with VmHWM at the end, so a peak shorter than the interval is not missed for the main process.
 */
export class MemorySampler {
	private timer?: NodeJS.Timeout;
	private mainPeak = 0;
	private runnerPeak = 0;
	private readonly runners: number[];

	constructor(
		private readonly mainPid: number,
		private readonly intervalMs = 20,
	) {
		this.runners = descendants(mainPid);
	}

	start(): void {
		for (const pid of [this.mainPid, ...this.runners]) resetPeak(pid);
		this.sample();
		this.timer = setInterval(() => this.sample(), this.intervalMs);
	}

	stop(): MemoryPeaks {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		this.sample();
		const main = memoryOf(this.mainPid);
		const runnerHwm = this.runners.reduce((sum, pid) => sum + (memoryOf(pid)?.peakBytes ?? 0), 0);
		return {
			mainPeakBytes: Math.max(this.mainPeak, main?.peakBytes ?? 0),
			runnerPeakBytes: Math.max(this.runnerPeak, runnerHwm),
		};
	}

	private sample(): void {
		this.mainPeak = Math.max(this.mainPeak, memoryOf(this.mainPid)?.rssBytes ?? 0);
		const runners = this.runners.reduce((sum, pid) => sum + (memoryOf(pid)?.rssBytes ?? 0), 0);
		this.runnerPeak = Math.max(this.runnerPeak, runners);
	}
}

/** RSS now of the main process and of its descendants. */
export function residentNow(mainPid: number): { mainBytes: number; runnerBytes: number } {
	return {
		mainBytes: memoryOf(mainPid)?.rssBytes ?? 0,
		runnerBytes: descendants(mainPid).reduce((sum, pid) => sum + (memoryOf(pid)?.rssBytes ?? 0), 0),
	};
}

/** CPU time (user + system) a process has used so far, in ms; NaN when it is gone. */
export function cpuTimeMs(pid: number): number {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		return NaN;
	}
}

/** USER_HZ: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU used by n8n's main process, by its task runner(s) and by this process (the simulator). */
export class CpuMeter {
	private readonly runners: number[];
	private readonly start: { main: number; runners: number; bench: NodeJS.CpuUsage };

	constructor(private readonly mainPid: number) {
		this.runners = descendants(mainPid);
		this.start = { main: cpuTimeMs(mainPid), runners: this.runnerMs(), bench: process.cpuUsage() };
	}

	stop(): { n8nMs: number; runnerMs: number; benchMs: number } {
		const bench = process.cpuUsage(this.start.bench);
		return {
			n8nMs: Math.round(cpuTimeMs(this.mainPid) - this.start.main),
			runnerMs: Math.round(this.runnerMs() - this.start.runners),
			benchMs: Math.round((bench.user + bench.system) / 1000),
		};
	}

	private runnerMs(): number {
		return this.runners.reduce((sum, pid) => sum + (cpuTimeMs(pid) || 0), 0);
	}
}

export interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	kernel: string;
	loadAverage: [number, number, number];
}

export function machine(): Machine {
	const cpus = os.cpus();
	const [one, five, fifteen] = os.loadavg();
	return {
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		memoryGiB: Math.round((os.totalmem() / KB ** 3) * 10) / 10,
		kernel: `${os.type()} ${os.release()} ${os.arch()}`,
		loadAverage: [round2(one), round2(five), round2(fifteen)],
	};
}

export const loadAverage = (): number => round2(os.loadavg()[0]);

const round2 = (value: number) => Math.round(value * 100) / 100;

export const mib = (bytes: number): number => Math.round(bytes / KB / KB);
