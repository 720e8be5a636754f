import { defineHandlers, found } from '../call-kit'
import { listCategories, saveCategory } from './categories-service'
import { createChild, exitChild, getChild, listChildren, updateChild } from './children-service'
import {
  createDivision,
  divisionTree,
  listDivisions,
  moveVillage,
  renameDivision,
  restoreDivision,
  retireDivision,
  setDistrict,
} from './divisions-service'
import { createStaff, DIRECTOR, getStaff, listStaff, SUPERVISOR, updateStaff } from './staff-service'
import { registrySummary } from './summary-service'
import { addTraining, listTrainings, removeTraining } from './trainings-service'

/** The registry's calls: the division tree, the categories, the children, supervisors, directors and trainings. */
export const registryHandlers = defineHandlers({
  'dashboard.summary': (ctx) => registrySummary(ctx),

  'divisions.tree': (ctx, input) => divisionTree(ctx, input),
  'divisions.list': (ctx) => listDivisions(ctx),
  'divisions.setDistrict': (ctx, input) => setDistrict(ctx, input),
  'divisions.create': (ctx, input) => createDivision(ctx, input),
  'divisions.rename': (ctx, input) => renameDivision(ctx, input),
  'divisions.move': (ctx, input) => moveVillage(ctx, input),
  'divisions.retire': (ctx, input) => retireDivision(ctx, input),
  'divisions.restore': (ctx, input) => restoreDivision(ctx, input),

  'categories.list': (ctx) => listCategories(ctx),
  'categories.save': (ctx, input) => saveCategory(ctx, input),

  'children.list': (ctx, input) => listChildren(ctx, input),
  'children.get': (ctx, input) => found(getChild(ctx, input.id), '该儿童档案'),
  'children.create': (ctx, input) => createChild(ctx, input),
  'children.update': (ctx, input) => updateChild(ctx, input),
  'children.exit': (ctx, input) => exitChild(ctx, input),

  'supervisors.list': (ctx, input) => listStaff(ctx, SUPERVISOR, input),
  'supervisors.get': (ctx, input) => found(getStaff(ctx, SUPERVISOR, input.id), '该督导员记录'),
  'supervisors.create': (ctx, input) => createStaff(ctx, SUPERVISOR, input),
  'supervisors.update': (ctx, input) => updateStaff(ctx, SUPERVISOR, input),
  'directors.list': (ctx, input) => listStaff(ctx, DIRECTOR, input),
  'directors.get': (ctx, input) => found(getStaff(ctx, DIRECTOR, input.id), '该儿童主任记录'),
  'directors.create': (ctx, input) => createStaff(ctx, DIRECTOR, input),
  'directors.update': (ctx, input) => updateStaff(ctx, DIRECTOR, input),
  'trainings.list': (ctx, input) => listTrainings(ctx, input.personKind, input.personId),
  'trainings.add': (ctx, input) => addTraining(ctx, input),
  'trainings.remove': (ctx, input) => removeTraining(ctx, input.id),
})
