/**
 * Records inserted straight into the sandbox for the reward tests, the trigger's models and the bench: a group's
 * patients, reward programs, their activations, earnings and fulfillments (each returns the new record's id).
 */
import type { Sandbox } from '../sandbox';

/** A to-one relationship as the sandbox stores it. */
export const rel = (type: string, id: string) => ({ data: { type, id } });

export function patientIn(sandbox: Sandbox, group: string): string {
	return sandbox.insert('patient', {}, { groups: { data: [{ type: 'group', id: group }] } }).id;
}

export function rewardProgramOf(sandbox: Sandbox, group: string, fulfillAsEarned = true): string {
	return sandbox.insert(
		'reward_program',
		{ fulfill_as_earned: fulfillAsEarned, frozen: false },
		{ group: rel('group', group) },
	).id;
}

export function activationOf(sandbox: Sandbox, patient: string, program: string): string {
	return sandbox.insert(
		'reward_program_activation',
		{ active: true },
		{ patient: rel('patient', patient), reward_program: rel('reward_program', program) },
	).id;
}

/** A reward of 5 under the activation and its earning of 5. */
export function earningOf(sandbox: Sandbox, activation: string): string {
	const reward = sandbox.insert(
		'reward',
		{ allocated_value: 5 },
		{ reward_program_activation: rel('reward_program_activation', activation) },
	).id;
	return sandbox.insert('reward_earning', { earned_value: 5 }, { reward: rel('reward', reward) })
		.id;
}

/** The earning paid out now (it leaves the fulfilment queue). */
export function fulfil(sandbox: Sandbox, earning: string): string {
	return sandbox.insert(
		'reward_earning_fulfillment',
		{ fulfilled_value: 5, fulfilled_at: new Date().toISOString() },
		{ reward_earning: rel('reward_earning', earning) },
	).id;
}
