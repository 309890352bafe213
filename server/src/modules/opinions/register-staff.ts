/** One-time registrations for submitting, tracking with a receipt, answering, rating, the public wall (notification kinds, attachment policies, …). */
export function registerStaff(): void {}
