// Ids every module hands out: UUIDs.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row (and would make PostgreSQL's uuid cast fail). */
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
