import { runCommand, type CommandContext } from '../command.js';
import { decideExtension, requestExtension } from './service.js';

/** The board's own writes: each one command in one transaction with its audit entry. */

export function requestExtensionCommand(
  ctx: CommandContext,
  id: number,
  input: { days: number; reason: string },
) {
  return runCommand(ctx, (tx, audit) => requestExtension(tx, ctx, audit, id, input));
}

export function decideExtensionCommand(
  ctx: CommandContext,
  id: number,
  input: { approve: boolean; note?: string | null },
) {
  return runCommand(ctx, (tx, audit) => decideExtension(tx, ctx, audit, id, input));
}
