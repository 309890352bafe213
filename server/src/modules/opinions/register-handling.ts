/** One-time registrations for the office's and departments' handling: accept, dispatch, sign, bounce, ask, reply, extend, merge, publish (notification kinds, attachment policies, …). */
export function registerHandling(): void {}
