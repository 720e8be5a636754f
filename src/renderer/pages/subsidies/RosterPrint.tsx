import type { RosterPages } from '../../../contract'
import { yuan } from '../../components/money'

/**
 * The roster as bureaus sign it: every sheet of paper repeats the title and header and ends with its 本页小计; the
 * last one adds 合计 in figures and in capitals, and the signature lines. A draft carries 草稿 across every sheet.
 */
export function RosterPrint({ pages }: { pages: RosterPages }) {
  const last = pages.pages.length - 1
  const span = pages.columns.length
  return (
    <div className="print-only print-sheet roster-print" data-testid="roster-print">
      {/* While a roster is on screen the whole print is A4 landscape. A named @page would leave a blank portrait
          sheet after the roster for the rest of the document. */}
      <style>{'@page { size: A4 landscape; margin: 10mm 8mm; }'}</style>
      {pages.pages.map((page, index) => (
        <section className="roster-sheet" key={page.number} data-testid="roster-sheet">
          {pages.watermark ? <div className="watermark">{pages.watermark}</div> : null}
          <h1>{pages.title}</h1>
          <div className="print-meta">
            <span>{pages.unit}</span>
            <span>{pages.date}</span>
            <span>
              第 {page.number} 页，共 {pages.pages.length} 页
            </span>
          </div>
          <table>
            <thead>
              <tr>
                {pages.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.lines.map((line) => (
                <tr key={line.seq}>
                  <td className="number">{line.seq}</td>
                  <td>{line.township}</td>
                  <td>{line.village}</td>
                  <td>{line.name}</td>
                  <td className="mono">{line.idNumber}</td>
                  <td>{line.category}</td>
                  <td className="number">{yuan(line.standardFen)}</td>
                  <td className="number">{line.monthCount}</td>
                  <td className="number">{yuan(line.totalFen)}</td>
                  <td>{line.guardian}</td>
                  <td className="mono">{line.bankAccount}</td>
                  {/* 领款人签字 and any other hand-filled column stay blank on paper */}
                  {pages.columns.slice(11).map((c) => (
                    <td key={c} />
                  ))}
                </tr>
              ))}
              <tr className="subtotal">
                <td colSpan={8} style={{ textAlign: 'center' }}>
                  本页小计（{page.lines.length}人）
                </td>
                <td className="number">{yuan(page.subtotalFen)}</td>
                <td colSpan={span - 9}>{page.subtotalCapital}</td>
              </tr>
              {index === last ? (
                <tr className="subtotal">
                  <td colSpan={8} style={{ textAlign: 'center' }}>
                    合计（{pages.roster.lineCount}人）
                  </td>
                  <td className="number">{yuan(pages.totalFen)}</td>
                  <td colSpan={span - 9}>人民币（大写）：{pages.totalCapital}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {index === last ? (
            <div className="print-signatures">
              {pages.signatures.map((s) => (
                <span key={s}>{s}</span>
              ))}
            </div>
          ) : null}
        </section>
      ))}
    </div>
  )
}
