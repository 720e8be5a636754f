/**
 * In post on @today, for a supervisor or director row aliased `s`: not yet left. A start date in the future still
 * counts here, because a clerk registers an appointment before it takes effect and expects to see it listed.
 */
export const IN_POST = '(s.end_date IS NULL OR s.end_date >= @today)'
