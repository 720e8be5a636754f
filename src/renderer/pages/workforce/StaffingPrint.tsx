import type { StaffingTable } from '../../../contract'
import { chineseDate } from '../../../contract/labels'


const ratio = (children: number, directors: number) => (directors ? Math.round((children / directors) * 10) / 10 : '—')

/** The staffing table on paper, the same rows and wording as the exported workbook. */
export function StaffingPrint({ table, district }: { table: StaffingTable; district: string }) {
  const total = table.district
  return (
    <div className="print-only print-sheet" data-testid="staffing-print">
      <h1>{district}儿童督导员、儿童主任配备情况统计表</h1>
      <div className="print-meta">
        <span>填报单位：{district}民政局</span>
        <span>统计日期：{chineseDate(table.date)}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>乡镇（街道）</th>
            <th>村（社区）数</th>
            <th>儿童督导员数</th>
            <th>儿童主任数</th>
            <th>困境儿童数</th>
            <th>每名儿童主任服务儿童数</th>
            <th>无儿童主任的村（社区）</th>
          </tr>
        </thead>
        <tbody>
          {table.townships.map((t, i) => (
            <tr key={t.code}>
              <td className="number">{i + 1}</td>
              <td>{t.name}</td>
              <td className="number">{t.villages}</td>
              <td className="number">{t.supervisors}</td>
              <td className="number">{t.directors}</td>
              <td className="number">{t.children}</td>
              <td className="number">{ratio(t.children, t.directors)}</td>
              <td>{t.villagesWithoutDirector.join('、') || '—'}</td>
            </tr>
          ))}
          <tr className="total">
            <td colSpan={2} style={{ textAlign: 'center' }}>
              合计
            </td>
            <td className="number">{total.villages}</td>
            <td className="number">{total.supervisors}</td>
            <td className="number">{total.directors}</td>
            <td className="number">{total.children}</td>
            <td className="number">{ratio(total.children, total.directors)}</td>
            <td>{total.villagesWithoutDirector.length}个</td>
          </tr>
        </tbody>
      </table>
      <div className="print-signatures">
        <span>填表人：</span>
        <span>审核人：</span>
        <span>负责人：</span>
        <span>制表日期：{chineseDate(table.date)}</span>
      </div>
    </div>
  )
}
