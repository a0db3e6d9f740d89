/**
 * The annex "Codes API" of CinetPay's transfer API v1.1.0, as data.
 *
 * `fr` is what the simulator returns as `description` by default. Where the 2018 document shows a
 * real response (701, 706, 723) its wording is used, because that is what the API sends; elsewhere
 * the annex wording. `en` (lang=en) is our translation. Codes marked `source: 'field'` are not in
 * the 2018 document but have been observed since (see the spec's [field] lines).
 */

export const CODE = {
	OPERATION_SUCCES: 0,
	OPERATION_ERROR: -1,
	INVALID_CREDENTIALS: 701,
	COULD_NOT_CREATE_TOKEN: 702,
	INVALID_USER: 703,
	INVALID_PARAM: 704,
	EXPIRED_TOKEN: 705,
	INVALID_TOKEN: 706,
	CANT_REFRESH_TOKEN: 707,
	NOT_ALLOWED: 708,
	EXECUTION_ERROR_709: 709,
	EXECUTION_ERROR_710: 710,
	UNEXPECTED_ERROR: 715,
	DATA_NOT_VALID: 716,
	ERROR_PHONE_NOT_PARTICULAR: 717,
	JSON_PARSE_ERROR: 718,
	AMOUNT_TOO_SMALL: 719,
	AMOUNT_TOO_LARGE: 720,
	OPERATOR_NOT_AVAILABLE: 721,
	INSUFFICIENT_BALANCE: 602,
	/** 722, 727, 728: seen in client code, names unknown; the names below are ours (see README). */
	UNKNOWN_722: 722,
	NOT_FOUND: 723,
	ERROR_PHONE_NOT_MY_CONTACT: 724,
	MISSING_NOTIFY_URL: 725,
	ERROR_PHONE_ALREADY_MY_CONTACT: 726,
	UNKNOWN_727: 727,
	UNKNOWN_728: 728,
	INVALID_AMOUNT: 801,
	INVALID_PHONE: 802,
	OPERATOR_UNAVAILABLE: 804,
	CLIENT_TRANSACTION_ID_EXIST: 805,
	INVALID_PAYMENT_METHOD: 811,
} as const;

export type ApiCodeNumber = (typeof CODE)[keyof typeof CODE];

export interface ApiCodeInfo {
	code: ApiCodeNumber;
	message: string;
	fr: string;
	en: string;
	/** 'invented': the code is seen in the field, its name and texts are the simulator's guess. */
	source: 'doc' | 'field' | 'invented';
}

// One line per code reads like the annex; keep prettier from exploding it.
// prettier-ignore
export const API_CODES: readonly ApiCodeInfo[] = [
	{ code: 0, message: 'OPERATION_SUCCES', fr: 'Opération effectuée avec succès', en: 'Operation successful', source: 'doc' },
	{ code: -1, message: 'OPERATION_ERROR', fr: "Des erreurs dans l'exécution de la requêtes", en: 'Errors while executing the request', source: 'doc' },
	{ code: 701, message: 'INVALID_CREDENTIALS', fr: 'Identifiant de connexion incorrect', en: 'Incorrect login credentials', source: 'doc' },
	{ code: 702, message: 'COULD_NOT_CREATE_TOKEN', fr: 'Impossible de générer le token', en: 'Could not create the token', source: 'doc' },
	{ code: 703, message: 'INVALID_USER', fr: 'Le compte marchand est invalide', en: 'The merchant account is invalid', source: 'doc' },
	{ code: 704, message: 'INVALID_PARAM', fr: 'Les paramètres envoyés ne sont pas correctes', en: 'The parameters sent are not correct', source: 'doc' },
	{ code: 705, message: 'EXPIRED_TOKEN', fr: 'Le token a expiré', en: 'The token has expired', source: 'doc' },
	{ code: 706, message: 'INVALID_TOKEN', fr: 'Votre token est invalide', en: 'Your token is invalid', source: 'doc' },
	{ code: 707, message: 'CANT_REFRESH_TOKEN', fr: 'Vous devez générer un autre token', en: 'You must generate another token', source: 'doc' },
	{ code: 708, message: 'NOT_ALLOWED', fr: "Vous n'êtes pas autorisé à visiter le lien", en: 'You are not allowed to visit this link', source: 'doc' },
	{ code: 709, message: 'EXECUTION_ERROR', fr: "Des erreurs dans l'exécution de la requêtes", en: 'Errors while executing the request', source: 'doc' },
	{ code: 710, message: 'EXECUTION_ERROR', fr: "Des erreurs dans l'exécution de la requêtes", en: 'Errors while executing the request', source: 'doc' },
	{ code: 715, message: 'UNEXPECTED_ERROR', fr: 'Une erreur inconnue est survenue', en: 'An unknown error occurred', source: 'doc' },
	{ code: 716, message: 'DATA_NOT_VALID', fr: 'Une donnée émise est incorrecte', en: 'A field sent is invalid', source: 'doc' },
	{ code: 717, message: 'ERROR_PHONE_NOT_PARTICULAR', fr: 'Le numéro de téléphone ne correspond pas à un compte particulier CinetPay valide', en: 'The phone number is not a valid CinetPay personal account', source: 'doc' },
	{ code: 718, message: 'JSON_PARSE_ERROR', fr: 'Le JSON émis comporte des erreurs', en: 'The JSON sent is malformed', source: 'doc' },
	{ code: 719, message: 'AMOUNT_TOO_SMALL', fr: 'Le montant doit être supérieur à 200 XOF', en: 'The amount must be above 200 XOF', source: 'doc' },
	{ code: 720, message: 'AMOUNT_TOO_LARGE', fr: 'Le montant doit être inférieur à 1500000 XOF', en: 'The amount must be below 1500000 XOF', source: 'doc' },
	{ code: 721, message: 'OPERATOR_NOT_AVAILABLE', fr: "L'opérateur n'est pas prise en charge par CinetPay", en: 'The operator is not supported by CinetPay', source: 'doc' },
	{ code: 722, message: 'OPERATOR_TIMEOUT', fr: "L'opérateur n'a pas répondu à temps", en: 'The operator did not answer in time', source: 'invented' },
	{ code: 602, message: 'INSUFFICIENT_BALANCE', fr: 'Votre solde CinetPay transfert est insuffisant pour effectuer cette opération', en: 'Your CinetPay transfer balance is too low for this operation', source: 'doc' },
	{ code: 723, message: 'NOT_FOUND', fr: 'Aucun element trouvé', en: 'No element found', source: 'doc' },
	{ code: 724, message: 'ERROR_PHONE_NOT_MY_CONTACT', fr: "Le numéro de téléphone n'existe pas dans la liste de vous contacts CinetPay", en: 'The phone number is not in your CinetPay contacts', source: 'doc' },
	{ code: 725, message: 'MISSING_NOTIFY_URL', fr: 'Vous devez mentionner une url de notification valide', en: 'You must give a valid notification URL', source: 'doc' },
	{ code: 726, message: 'ERROR_PHONE_ALREADY_MY_CONTACT', fr: 'Le numéro de téléphone existe déjà dans la liste de vos contacts CinetPay', en: 'The phone number is already in your CinetPay contacts', source: 'field' },
	{ code: 727, message: 'TRANSFER_IN_PROGRESS', fr: 'Le transfert est en cours de traitement', en: 'The transfer is being processed', source: 'invented' },
	{ code: 728, message: 'OPERATOR_ERROR', fr: "Erreur chez l'opérateur", en: 'Error at the operator', source: 'invented' },
	{ code: 801, message: 'INVALID_AMOUNT', fr: 'Le montant renseigné est invalide', en: 'The amount is invalid', source: 'doc' },
	{ code: 802, message: 'INVALID_PHONE', fr: 'Le numéro de téléphone renseigné est invalide', en: 'The phone number is invalid', source: 'doc' },
	{ code: 804, message: 'OPERATOR_UNAVAILABLE', fr: "L'opérateur n'est pas encore prise en charge par CinetPay", en: 'The operator is not yet supported by CinetPay', source: 'doc' },
	{ code: 805, message: 'CLIENT_TRANSACTION_ID_EXIST', fr: 'Votre identifiant transaction existe déjà sur CinetPay', en: 'Your transaction id already exists on CinetPay', source: 'doc' },
	{ code: 811, message: 'INVALID_PAYMENT_METHOD', fr: "La méthode de paiement n'est pas valide", en: 'The payment method is not valid', source: 'field' },
];

const BY_CODE = new Map<number, ApiCodeInfo>(API_CODES.map((c) => [c.code, c]));

export function codeInfo(code: ApiCodeNumber): ApiCodeInfo {
	const info = BY_CODE.get(code);
	if (!info) throw new Error(`unknown API code ${code}`);
	return info;
}

/** Under codeType 'spec', these error codes travel as numbers, as in the doc's own examples. */
export const NUMBER_CODES_IN_SPEC: ReadonlySet<number> = new Set([602, 723]);

/** HTTP status of an error envelope under errorHttpStatus 'http4xx' (705: see expiredTokenStatus). */
const HTTP_4XX: ReadonlyMap<number, number> = new Map([
	[701, 401],
	[705, 401],
	[706, 401],
	[707, 401],
	[723, 404],
]);

export function http4xxFor(code: number): number {
	return HTTP_4XX.get(code) ?? 400;
}
