import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

// The typed model of the tables the SQL migrations make: row types (`$inferSelect`) for the services, which read and
// write through prepared statements. The migrations are the source of truth; tests/core/db/schema-drift.test.ts
// fails when this file and a migrated database disagree (columns, types, NOT NULL, defaults, keys, unique, enums).
// Plain indexes are left to the migrations; unique ones are modelled, since they decide what a write may do.

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
  name: text('name').notNull().unique(),
  dimension: text('dimension', { enum: ['self', 'family', 'guardianship', 'other'] }).notNull(),
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
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
  kind: text('kind', { enum: ['divisions', 'supervisors', 'directors', 'children', 'reviews', 'visits'] }).notNull(),
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
    entity: text('entity', { enum: ['division', 'child', 'supervisor', 'director', 'review', 'visit'] }).notNull(),
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

export const programmes = sqliteTable('programmes', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['child', 'director'] }).notNull(),
  period: text('period', { enum: ['month', 'year'] }).notNull().default('month'),
  categories: text('categories', { mode: 'json' }).$type<string[]>().notNull().default([]),
  excludedBy: text('excluded_by', { mode: 'json' }).$type<string[]>().notNull().default([]),
  ageLimit: integer('age_limit'),
  extension: text('extension', { mode: 'json' }).$type<{ untilAge: number; needs: 'school-enrolment' } | null>(),
  startRule: text('start_rule', { enum: ['month-after-registration', 'month-of-registration'] }).notNull(),
  endRule: text('end_rule', { enum: ['month-after-exit', 'month-of-exit'] }).notNull(),
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(100),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const standards = sqliteTable('standards', {
  id: integer('id').primaryKey(),
  programmeCode: text('programme_code').notNull(),
  amountFen: integer('amount_fen').notNull(),
  effectiveFrom: text('effective_from').notNull(),
  effectiveTo: text('effective_to'),
  grp: text('grp'),
})

export const rosters = sqliteTable(
  'rosters',
  {
    id: integer('id').primaryKey(),
    programmeCode: text('programme_code').notNull(),
    programmeName: text('programme_name').notNull(),
    districtName: text('district_name').notNull().default(''),
    firstMonth: text('first_month').notNull(),
    months: integer('months').notNull(),
    lastMonth: text('last_month').notNull(),
    status: text('status', { enum: ['draft', 'locked'] }).notNull().default('draft'),
    generatedAt: text('generated_at').notNull(),
    generatedBy: text('generated_by').notNull(),
    lockedAt: text('locked_at'),
    lockedBy: text('locked_by'),
    backupFile: text('backup_file'),
    totalFen: integer('total_fen').notNull(),
    lineCount: integer('line_count').notNull(),
    excludedCount: integer('excluded_count').notNull(),
    backPayLines: integer('back_pay_lines').notNull().default(0),
    lockedBefore: integer('locked_before').notNull().default(0),
  },
  // one roster per programme and months
  (t) => [uniqueIndex('rosters_identity').on(t.programmeCode, t.firstMonth, t.months)],
)

export const rosterLines = sqliteTable(
  'roster_lines',
  {
    rosterId: integer('roster_id').notNull(),
    seq: integer('seq').notNull(),
    childId: integer('child_id'),
    directorId: integer('director_id'),
    township: text('township').notNull(),
    village: text('village').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull().default(''),
    category: text('category').notNull(),
    categoryCode: text('category_code').notNull().default(''),
    standardFen: integer('standard_fen').notNull(),
    months: integer('months').notNull(),
    paidMonths: text('paid_months').notNull(),
    backPayMonths: text('back_pay_months').notNull().default(''),
    backPayFen: integer('back_pay_fen').notNull().default(0),
    amountFen: integer('amount_fen').notNull(),
    guardian: text('guardian').notNull().default(''),
    bankAccount: text('bank_account').notNull().default(''),
    rule: text('rule').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rosterId, t.seq] })],
)

export const rosterExcluded = sqliteTable(
  'roster_excluded',
  {
    rosterId: integer('roster_id').notNull(),
    seq: integer('seq').notNull(),
    childId: integer('child_id'),
    directorId: integer('director_id'),
    township: text('township').notNull(),
    village: text('village').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull().default(''),
    reason: text('reason').notNull(),
    owedFen: integer('owed_fen').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.rosterId, t.seq] })],
)

/** The app lock (0005_app_lock.sql): one row when a password is set; both secrets only as scrypt hashes. */
export const appLock = sqliteTable('app_lock', {
  id: integer('id').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  recoveryHash: text('recovery_hash').notNull(),
  setAt: text('set_at').notNull(),
  setBy: text('set_by').notNull(),
})

// Case follow-up (0006_followup.sql)
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const quarterlyReviews = sqliteTable('quarterly_reviews', {
  id: integer('id').primaryKey(),
  childId: integer('child_id').notNull(),
  quarter: text('quarter').notNull(),
  reviewedOn: text('reviewed_on').notNull(),
  reviewer: text('reviewer').notNull(),
  noChange: integer('no_change', { mode: 'boolean' }).notNull().default(false),
  changes: text('changes').notNull().default(''),
  checkedAt: text('checked_at'),
  checkedBy: text('checked_by'),
  importBatchId: integer('import_batch_id'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const visits = sqliteTable('visits', {
  id: integer('id').primaryKey(),
  childId: integer('child_id').notNull(),
  visitedOn: text('visited_on').notNull(),
  visitor: text('visitor').notNull(),
  kind: text('kind', { enum: ['home', 'phone', 'school'] }).notNull(),
  findings: text('findings').notNull().default(''),
  risk: text('risk', { enum: ['no-guardian', 'abuse-neglect', 'other'] }),
  resolvedOn: text('resolved_on'),
  resolvedBy: text('resolved_by'),
  resolution: text('resolution'),
  importBatchId: integer('import_batch_id'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const needsAssessments = sqliteTable('needs_assessments', {
  id: integer('id').primaryKey(),
  childId: integer('child_id').notNull(),
  assessedOn: text('assessed_on').notNull(),
  assessor: text('assessor').notNull(),
  selfLevel: text('self_level', { enum: ['general', 'key', 'urgent'] }),
  selfNotes: text('self_notes').notNull().default(''),
  familyLevel: text('family_level', { enum: ['general', 'key', 'urgent'] }),
  familyNotes: text('family_notes').notNull().default(''),
  guardianshipLevel: text('guardianship_level', { enum: ['general', 'key', 'urgent'] }),
  guardianshipNotes: text('guardianship_notes').notNull().default(''),
  services: text('services').notNull().default('[]'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const serviceCatalogue = sqliteTable('service_catalogue', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  area: text('area', { enum: ['safety', 'physical', 'mental', 'education', 'other'] }).notNull(),
  dimension: text('dimension', { enum: ['self', 'family', 'guardianship'] }).notNull(),
  referencePercent: integer('reference_percent'),
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(100),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const childServices = sqliteTable('child_services', {
  id: integer('id').primaryKey(),
  childId: integer('child_id').notNull(),
  serviceCode: text('service_code').notNull(),
  status: text('status', { enum: ['planned', 'delivered'] }).notNull(),
  plannedOn: text('planned_on').notNull(),
  deliveredOn: text('delivered_on'),
  provider: text('provider').notNull().default(''),
  notes: text('notes').notNull().default(''),
  assessmentId: integer('assessment_id'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const childDocuments = sqliteTable('child_documents', {
  id: integer('id').primaryKey(),
  childId: integer('child_id').notNull(),
  type: text('type', { enum: ['school-enrolment', 'disability-certificate', 'medical', 'guardianship', 'identity', 'other'] }).notNull(),
  title: text('title').notNull(),
  issuedOn: text('issued_on'),
  validUntil: text('valid_until'),
  notes: text('notes').notNull().default(''),
  addedAt: text('added_at').notNull(),
  addedBy: text('added_by').notNull(),
  removedAt: text('removed_at'),
  removedBy: text('removed_by'),
})

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
  programmes,
  standards,
  rosters,
  rosterLines,
  rosterExcluded,
  appLock,
  settings,
  quarterlyReviews,
  visits,
  needsAssessments,
  serviceCatalogue,
  childServices,
  childDocuments,
}
