/**
 * Identifiers in CinetPay's formats, deterministic and unique per simulator instance.
 *
 * - transaction_id, e.g. `EA180627.122753.M279245`: "EA", UTC date yyMMdd, time HHmmss, a letter and
 *   six digits. The letter and digits come from a counter through a bijection modulo 26·10⁶, so two
 *   transfers of one instance never share an id (the counter survives reset()).
 * - lot, e.g. `0044557641201530102473`: 22 digits. In the doc's examples it ends with the call's
 *   Unix time; we keep that and put a call counter in front so two calls in one second differ.
 */

const SPACE = 26 * 1_000_000;
// Coprime with 26·10⁶, so seq ↦ (seq·STRIDE + OFFSET) mod SPACE is a bijection.
const STRIDE = 7_919; // prime, not a factor of 2⁷·5⁶·13
const OFFSET = 12_279_245;
const LOT_MERCHANT = '00445576';

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

export class IdFactory {
	private transfers = 0;
	private lots = 0;

	transactionId(now = new Date()): string {
		const mixed = (++this.transfers * STRIDE + OFFSET) % SPACE;
		const letter = String.fromCharCode(65 + Math.floor(mixed / 1_000_000));
		const date =
			pad(now.getUTCFullYear() % 100, 2) + pad(now.getUTCMonth() + 1, 2) + pad(now.getUTCDate(), 2);
		const time =
			pad(now.getUTCHours(), 2) + pad(now.getUTCMinutes(), 2) + pad(now.getUTCSeconds(), 2);
		return `EA${date}.${time}.${letter}${pad(mixed % 1_000_000, 6)}`;
	}

	lot(now = new Date()): string {
		const counter = ++this.lots % 10_000;
		return LOT_MERCHANT + pad(counter, 4) + pad(Math.floor(now.getTime() / 1000) % 1e10, 10);
	}

	/** Reference of the mobile-money operator, known once a transfer is VAL. */
	operatorTransactionId(transactionId: string): string {
		return `MP${transactionId.replace(/\D/g, '').slice(-12)}`;
	}
}

/** "2018-06-27 12:53:26", the doc's validated_at format (UTC, Abidjan's time zone). */
export function cinetpayDateTime(d: Date): string {
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
		`${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
	);
}
