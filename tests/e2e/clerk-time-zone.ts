/** The zone our clerks work in; the browser and the loopback host both run in it during e2e tests. */
export const CLERK_TIME_ZONE = 'Asia/Shanghai'
