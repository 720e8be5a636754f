import type { z } from 'zod'
import { appCalls } from './app'
import { categoryCalls } from './categories'
import { childCalls } from './children'
import { divisionCalls } from './divisions'
import { exportCalls, importCalls } from './imports'
import { workforceCalls } from './workforce'
import { staffCalls } from './staff'
import { subsidyCalls } from './subsidies'
import { backupCalls } from './backups'
import { securityCalls } from './security'
import { followupCalls } from './followup'

/** Every call the renderer (or the CLI) can make. There is no other way to the data. */
export const contract = {
  ...appCalls,
  ...divisionCalls,
  ...categoryCalls,
  ...childCalls,
  ...staffCalls,
  ...importCalls,
  ...exportCalls,
  ...workforceCalls,
  ...subsidyCalls,
  ...backupCalls,
  ...securityCalls,
  ...followupCalls,
}

export type Contract = typeof contract
export type CallName = keyof Contract
/** What a caller passes (defaults may be left out). */
export type Input<N extends CallName> = z.input<Contract[N]['input']>
/** What a handler receives, defaults filled in. */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>
export type Output<N extends CallName> = z.output<Contract[N]['output']>

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

export * from './define'
export * from './app'
export * from './categories'
export * from './children'
export * from './divisions'
export * from './imports'
export * from './workforce'
export * from './staff'
export * from './subsidies'
export * from './backups'
export * from './security'
export * from './followup'
