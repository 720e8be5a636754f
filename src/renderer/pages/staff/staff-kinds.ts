/** What differs between the two kinds of staff: which calls, which division, which words. */
export interface StaffKind {
  calls: 'supervisors' | 'directors'
  title: string
  /** where one serves: a township for a supervisor, a village for a director */
  place: 'township' | 'village'
  placeLabel: string
}

export const SUPERVISOR_KIND: StaffKind = {
  calls: 'supervisors',
  title: '儿童督导员',
  place: 'township',
  placeLabel: '乡镇/街道',
}

export const DIRECTOR_KIND: StaffKind = {
  calls: 'directors',
  title: '儿童主任',
  place: 'village',
  placeLabel: '村/社区',
}
