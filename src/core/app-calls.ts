import pkg from '../../package.json'
import { defineHandlers } from './call-kit'

/** The version line: which program, which database file, who is acting. */
export const appHandlers = defineHandlers({
  'app.info': (ctx) => ({
    productName: pkg.productName,
    version: pkg.version,
    databaseFile: ctx.conn.file,
    schemaVersion: ctx.conn.schemaVersion,
    user: ctx.actor,
  }),
})
