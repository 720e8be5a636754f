import { DIRECTOR_KIND, SUPERVISOR_KIND } from './staff-kinds'
import { StaffPage } from './StaffPage'

export function SupervisorsPage() {
  return <StaffPage kind={SUPERVISOR_KIND} />
}

export function DirectorsPage() {
  return <StaffPage kind={DIRECTOR_KIND} />
}
