import { existsSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract } from '../../src/contract'
import { auditHandlers } from '../../src/core/audit/audit-calls'
import { asDownload, combineHandlers, defineHandlers, found, NotFound } from '../../src/core/call-kit'
import { dispatch } from '../../src/core/dispatch'
import { handlers } from '../../src/core/handlers'
import { registryHandlers } from '../../src/core/registry/registry-calls'
import { tempRegistry, type TempRegistry } from '../support/temp-registry'

/** The wiring of calls: one handler per contract call, each from the one domain that owns it. */

describe('the combined handler map', () => {
  it('answers every call of the contract, and nothing else', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort())
    for (const [name, handler] of Object.entries(handlers)) expect(typeof handler, name).toBe('function')
  })

  it('refuses to load a call answered by two domains, naming it', () => {
    const again = defineHandlers({ 'exports.audit': auditHandlers['exports.audit'] })
    expect(() => combineHandlers(registryHandlers, auditHandlers, again)).toThrow(/exports\.audit/)
    expect(() => combineHandlers(registryHandlers, registryHandlers)).toThrow(/dashboard\.summary/)
  })

  it('combines maps that do not overlap into one holding each', () => {
    const combined = combineHandlers(registryHandlers, auditHandlers)
    expect(Object.keys(combined)).toHaveLength(Object.keys(registryHandlers).length + Object.keys(auditHandlers).length)
    expect(combined['audit.list']).toBe(auditHandlers['audit.list'])
    expect(combined['children.get']).toBe(registryHandlers['children.get'])
  })
})

describe('the call kit', () => {
  it('turns a missing record into a refusal that names it, and passes a present one through', () => {
    expect(found({ id: 1 }, '该儿童档案')).toEqual({ id: 1 })
    expect(found(0, '数量')).toBe(0)
    expect(() => found(null, '该儿童档案')).toThrow(NotFound)
    expect(() => found(null, '该儿童档案')).toThrow('该儿童档案不存在，可能已被删除或编号有误，请刷新后重试。')
  })

  it('hands a written file over as bytes and leaves no temp folder behind', async () => {
    let written = ''
    const download = await asDownload('名册.xlsx', async (out) => {
      written = out
      writeFileSync(out, 'abc')
    })
    expect(download).toEqual({ fileName: '名册.xlsx', dataBase64: Buffer.from('abc').toString('base64') })
    expect(written.endsWith('名册.xlsx')).toBe(true)
    expect(existsSync(dirname(written))).toBe(false)
  })

  describe('through dispatch', () => {
    let registry: TempRegistry
    beforeAll(async () => {
      registry = await tempRegistry()
    })
    afterAll(() => registry.cleanup())

    it('answers a record asked for by an id that is not there with a refusal, not a fault', async () => {
      const faults: string[] = []
      const answer = await dispatch(registry.ctx, 'children.get', { id: 999_999 }, { onFault: (name) => faults.push(name) })
      expect(answer).toEqual({
        error: { code: 'refused', message: '该儿童档案不存在，可能已被删除或编号有误，请刷新后重试。' },
      })
      const file = await dispatch(registry.ctx, 'children.file', { id: 999_999 })
      expect(file).toEqual({ error: { code: 'refused', message: '该儿童档案不存在，可能已被删除或编号有误，请刷新后重试。' } })
      expect(faults).toEqual([])
    })

    it('answers a staged file that is gone with a refusal (the import map keeps its own refusal)', async () => {
      const answer = await dispatch(registry.ctx, 'imports.preview', { files: [{ id: 'ab'.repeat(12) }] })
      expect(answer).toMatchObject({ error: { code: 'refused', message: expect.stringContaining('该文件已不在待导入列表中') } })
    })
  })
})
