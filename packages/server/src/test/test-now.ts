/** A Monday morning in the demo clinic's zone (08:00 Los Angeles), so schedules are predictable. */
export const TEST_NOW = Date.parse('2026-11-23T16:00:00Z');
