/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never published: it reads the environment and writes the report */
/**
 * `npm run probe:2026`: asks CinetPay's 2026 sandbox the questions facts.ts can only guess, and
 * prints what the answers imply. Sandbox keys (sk_test_) and the sandbox or a loopback URL only.
 *
 *   CINETPAY_API_KEY, CINETPAY_API_PASSWORD, CINETPAY_COUNTRY (CI, SN, CM, …)
 *   CINETPAY_BASE_URL             default https://api.cinetpay.net (or a 127.0.0.1 simulator)
 *   CINETPAY_PROBE_REPORT         also write the report to this file
 *   CINETPAY_PROBE_WATCH_SECONDS  how long to watch the transfer's status (120)
 *   CINETPAY_PROBE_POLL_SECONDS   between two looks (10)
 *   CINETPAY_PROBE_PHONE          the receiver, E.164 (a test number of the country)
 *   CINETPAY_PROBE_PAYMENT_METHOD default the country's first in facts.ts
 */
import { setDefaultResultOrder } from 'node:dns';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { probeMain } from './probe2026/main';

// [prod] CinetPay allow-lists IPv4 addresses only.
setDefaultResultOrder('ipv4first');

probeMain({
	env: process.env,
	fetch,
	write: (text) => process.stdout.write(text),
	writeFile: (path, text) => {
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, text);
	},
}).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.stderr.write(`probe:2026: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);
