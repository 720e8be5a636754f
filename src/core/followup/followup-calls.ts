import { asDownload, defineHandlers, found } from '../call-kit'
import type { ServiceContext } from '../context'
import { getDistrict } from '../registry/divisions-service'
import { childFile } from './child-file'
import { staleReport, workDashboard } from './dashboard'
import {
  addDocument,
  addReview,
  addVisit,
  checkReview,
  removeReview,
  removeVisit,
  deliverService,
  listReviews,
  listVisits,
  planService,
  removeDocument,
  resolveRisk,
  saveAssessment,
  saveCatalogueEntry,
  serviceCatalogue,
} from './followup-service'
import { writeCategoriesBook, writeCompletionBook, writeServicesBook } from './report-book'
import { categoriesReport, completionReport, servicesReport } from './reports'
import { quarterName } from './rules'
import { followupSettings, saveFollowupSettings } from './settings'

const districtName = (ctx: ServiceContext) => getDistrict(ctx)?.name ?? ''

/** The follow-up calls, answered by the services of src/core/followup. */
export const followupHandlers = defineHandlers({
  'children.file': (ctx, input) => found(childFile(ctx, input.id), '该儿童档案'),
  'reviews.list': (ctx, input) => listReviews(ctx, input),
  'reviews.add': (ctx, input) => addReview(ctx, input),
  'reviews.check': (ctx, input) => checkReview(ctx, input),
  'reviews.remove': (ctx, input) => removeReview(ctx, input.id),
  'visits.list': (ctx, input) => listVisits(ctx, input),
  'visits.add': (ctx, input) => addVisit(ctx, input),
  'visits.resolve': (ctx, input) => resolveRisk(ctx, input),
  'visits.remove': (ctx, input) => removeVisit(ctx, input.id),
  'assessments.save': (ctx, input) => saveAssessment(ctx, input),
  'services.catalogue': (ctx, input) => serviceCatalogue(ctx, input.includeInactive),
  'services.catalogueSave': (ctx, input) => saveCatalogueEntry(ctx, input),
  'services.plan': (ctx, input) => planService(ctx, input),
  'services.deliver': (ctx, input) => deliverService(ctx, input),
  'documents.add': (ctx, input) => addDocument(ctx, input),
  'documents.remove': (ctx, input) => removeDocument(ctx, input.id),
  'followup.stale': (ctx, input) => staleReport(ctx, input),
  'dashboard.work': (ctx, input) => workDashboard(ctx, input),
  'reports.categories': (ctx, input) => categoriesReport(ctx, input),
  'reports.services': (ctx, input) => servicesReport(ctx, input),
  'reports.completion': (ctx, input) => completionReport(ctx, input),
  'exports.categoriesReport': (ctx, input) => {
    const report = categoriesReport(ctx, input)
    const district = districtName(ctx)
    return asDownload(`${district}困境儿童分类统计表-${report.date}.xlsx`, (out) => writeCategoriesBook(report, district, ctx.today(), out))
  },
  'exports.servicesReport': (ctx, input) => {
    const report = servicesReport(ctx, input)
    const district = districtName(ctx)
    return asDownload(`${district}困境儿童关爱服务提供情况统计表-${report.from}至${report.to}.xlsx`, (out) =>
      writeServicesBook(report, district, ctx.today(), out),
    )
  },
  'exports.completionReport': (ctx, input) => {
    const report = completionReport(ctx, input)
    const district = districtName(ctx)
    return asDownload(`${district}季度信息更新完成情况-${quarterName(report.quarter)}.xlsx`, (out) =>
      writeCompletionBook(report, district, ctx.today(), out),
    )
  },
  'settings.get': (ctx) => followupSettings(ctx),
  'settings.save': (ctx, input) => saveFollowupSettings(ctx, input),
})
