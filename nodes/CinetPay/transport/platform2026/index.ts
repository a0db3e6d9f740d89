/**
 * CinetPay's 2026 platform (api.cinetpay.co, its sandbox api.cinetpay.net), as the nodes use it:
 * import from here. Its parts, each one concern:
 * - facts.ts: what is known of the platform, with how sure each fact is; codes.ts: what each code
 *   means and what to do;
 * - login.ts (the base URL and the login call), session.ts (when a token is renewed), call.ts (one
 *   call with the Bearer session, JSON in and out);
 * - balance.ts, transfers.ts (one send, a transfer by CinetPay's or the merchant's ID, in v1's
 *   output shapes), transferPayload.ts (the parameters checked into one send's body);
 * - the payout protocol is not here: it is one for both platforms, in ../../payout/;
 * - notification.ts: what a notification says, read as a hint;
 * - errors.ts: 2026 codes as node errors.
 * What is the same on both platforms lives in ../shared/ and ../errors.ts.
 */
export * from './balance';
export * from './call';
export * from './codes';
export * from './errors';
export * from './facts';
export * from './login';
export * from './session';
export * from './transferPayload';
export * from './transfers';
