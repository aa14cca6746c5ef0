/**
 * The shape of a health rule: it reads a customer's facts and the thresholds, and returns what it
 * finds (a risk finding or an expansion signal each), in the order they are reported.
 */
import type { Finding, HealthThresholds, Signal } from '../../../schemas/health';
import type { CustomerFacts } from '../customer-facts';

export type RiskRule = (customer: CustomerFacts, t: HealthThresholds) => Finding[];
export type ExpansionRule = (customer: CustomerFacts, t: HealthThresholds) => Signal[];

export const finding = (
	code: string,
	severity: Finding['severity'],
	message: string,
	instanceId?: string,
): Finding => ({ code, severity, message, instanceId: instanceId ?? null });

export const dateOf = (iso: string) => iso.slice(0, 10);
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const wholeDays = (days: number) => plural(Math.floor(days), 'day');
