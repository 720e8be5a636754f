import { defineHandlers } from '../call-kit'
import { clearPassword, lockNow, lockStatus, recover, setPassword, unlock } from './app-lock'

/** The app lock's calls: its state, the start-up password, locking, unlocking and recovery. */
export const securityHandlers = defineHandlers({
  'lock.status': (ctx) => lockStatus(ctx),
  'lock.setPassword': (ctx, input) => setPassword(ctx, input),
  'lock.unlock': (ctx, input) => unlock(ctx, input),
  'lock.lock': (ctx) => lockNow(ctx),
  'lock.recover': (ctx, input) => recover(ctx, input),
  'lock.clear': (ctx, input) => clearPassword(ctx, input),
})
