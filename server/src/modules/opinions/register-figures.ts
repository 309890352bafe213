/** One-time registrations for the figures per department and month, their dashboard and export (notification kinds, attachment policies, …). */
export function registerFigures(): void {}
