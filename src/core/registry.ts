import { createContext, type ServiceContext } from './context'
import { openDatabase, type OpenOptions } from './db/connection'
import { seedCategories } from './registry/categories-service'
import { sweepStaging } from './imports/staging'
import { seedProgrammes } from './subsidies/programmes-service'

/** Opens (or creates) a bureau's database, brings its schema up to date and seeds its dictionaries. */
export async function openRegistry(
  file: string,
  options: OpenOptions & { actor?: string; clock?: () => Date } = {},
): Promise<ServiceContext> {
  const conn = await openDatabase(file, options)
  const ctx = createContext(conn, options)
  seedCategories(ctx)
  seedProgrammes(ctx)
  // Files left waiting by an abandoned import preview hold personal data: they do not outlive a day.
  sweepStaging(ctx)
  return ctx
}
