import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

// Mirrors the SQL migrations (the migrations are the source of truth; a test compares the two).

export const divisions = sqliteTable('divisions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['district', 'township', 'village'] }).notNull(),
  parentCode: text('parent_code'),
  codeGenerated: integer('code_generated', { mode: 'boolean' }).notNull().default(false),
  retiredOn: text('retired_on'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const categories = sqliteTable('categories', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  dimension: text('dimension', { enum: ['self', 'family', 'guardianship', 'other'] }).notNull(),
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull(),
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(100),
})

export const children = sqliteTable('children', {
  id: integer('id').primaryKey(),
  idNumber: text('id_number').notNull().unique(),
  name: text('name').notNull(),
  namePinyin: text('name_pinyin').notNull(),
  nameInitials: text('name_initials').notNull(),
  sex: text('sex', { enum: ['M', 'F'] }).notNull(),
  birthDate: text('birth_date').notNull(),
  villageCode: text('village_code').notNull(),
  address: text('address').notNull().default(''),
  guardianName: text('guardian_name').notNull().default(''),
  guardianRelation: text('guardian_relation').notNull().default(''),
  guardianPhone: text('guardian_phone').notNull().default(''),
  bankAccount: text('bank_account').notNull().default(''),
  registeredOn: text('registered_on'),
  notes: text('notes').notNull().default(''),
  status: text('status', { enum: ['active', 'exited'] }).notNull().default('active'),
  exitReason: text('exit_reason', {
    enum: ['aged_out', 'moved_away', 'category_ended', 'deceased', 'other'],
  }),
  exitDate: text('exit_date'),
  lastReviewedAt: text('last_reviewed_at'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const childCategories = sqliteTable(
  'child_categories',
  {
    childId: integer('child_id').notNull(),
    categoryCode: text('category_code').notNull(),
    since: text('since'),
    until: text('until'),
  },
  (t) => [primaryKey({ columns: [t.childId, t.categoryCode, t.since] })],
)

const staffColumns = {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  sex: text('sex', { enum: ['M', 'F'] }).notNull(),
  birthDate: text('birth_date'),
  phone: text('phone').notNull().default(''),
  partTime: integer('part_time', { mode: 'boolean' }).notNull().default(true),
  concurrentPost: text('concurrent_post').notNull().default(''),
  trained: integer('trained', { mode: 'boolean' }).notNull().default(false),
  startDate: text('start_date'),
  endDate: text('end_date'),
  notes: text('notes').notNull().default(''),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  education: text('education').notNull().default(''),
}

export const supervisors = sqliteTable('supervisors', {
  ...staffColumns,
  townshipCode: text('township_code').notNull(),
})

export const directors = sqliteTable('directors', {
  ...staffColumns,
  villageCode: text('village_code').notNull(),
})

export const directorVillages = sqliteTable(
  'director_villages',
  {
    directorId: integer('director_id').notNull(),
    villageCode: text('village_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.directorId, t.villageCode] })],
)

export const staffTrainings = sqliteTable('staff_trainings', {
  id: integer('id').primaryKey(),
  personKind: text('person_kind', { enum: ['supervisor', 'director'] }).notNull(),
  personId: integer('person_id').notNull(),
  heldOn: text('held_on').notNull(),
  course: text('course').notNull(),
  hoursTenths: integer('hours_tenths').notNull(),
  createdAt: text('created_at').notNull(),
})

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey(),
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  before: text('before'),
  after: text('after'),
})

export const importBatches = sqliteTable('import_batches', {
  id: integer('id').primaryKey(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  kind: text('kind', { enum: ['divisions', 'supervisors', 'directors', 'children'] }).notNull(),
  townshipCode: text('township_code'),
  sheets: text('sheets', { mode: 'json' }).$type<string[]>().notNull(),
  newCount: integer('new_count').notNull(),
  changedCount: integer('changed_count').notNull(),
  unchangedCount: integer('unchanged_count').notNull(),
  rejectedCount: integer('rejected_count').notNull(),
  actor: text('actor').notNull(),
  at: text('at').notNull(),
  backupFile: text('backup_file'),
  undoneAt: text('undone_at'),
  undoneBy: text('undone_by'),
})

export const importBatchRows = sqliteTable(
  'import_batch_rows',
  {
    batchId: integer('batch_id').notNull(),
    entity: text('entity', { enum: ['division', 'child', 'supervisor', 'director'] }).notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: ['insert', 'update'] }).notNull(),
    before: text('before'),
    afterUpdatedAt: text('after_updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.entity, t.entityId] })],
)

export const importProblems = sqliteTable('import_problems', {
  batchId: integer('batch_id').notNull(),
  sheet: text('sheet').notNull(),
  row: integer('row'),
  columnName: text('column_name'),
  message: text('message').notNull(),
})

export const importMappings = sqliteTable(
  'import_mappings',
  {
    townshipCode: text('township_code').notNull(),
    kind: text('kind').notNull(),
    header: text('header').notNull(),
    field: text('field'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.townshipCode, t.kind, t.header] })],
)

export const schema = {
  divisions,
  categories,
  children,
  childCategories,
  supervisors,
  directors,
  directorVillages,
  staffTrainings,
  auditLog,
  importBatches,
  importBatchRows,
  importProblems,
  importMappings,
}
