/** Customer codes are dated in China time, whatever the server's time zone. */
const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The Asia/Shanghai calendar date of an instant as `yyyymmdd`.
 * @example shanghaiDay(new Date('2024-08-10T17:30:00Z')) // '20240811'
 */
export function shanghaiDay(at: Date): string {
  return SHANGHAI_DATE.format(at).replaceAll('-', '');
}

/** Codes in the input order, and the `code_sequences` rows (scope `CUSTyyyymmdd` → last value) they imply. */
export type CustomerCodeAssignment = { codes: string[]; sequences: Map<string, number> };

/**
 * Numbers customers the way the API does on create: `CUST` + Shanghai date + a 4-digit sequence per day,
 * in creation order (ties keep input order).
 * @example assignCustomerCodes([new Date('2024-08-11T06:30:00Z')]).codes // ['CUST202408110001']
 */
export function assignCustomerCodes(createdAt: readonly Date[]): CustomerCodeAssignment {
  const order = createdAt.map((at, index) => ({ at: at.getTime(), index })).sort((a, b) => a.at - b.at || a.index - b.index);
  const codes: string[] = new Array(createdAt.length);
  const sequences = new Map<string, number>();
  for (const { at, index } of order) {
    const scope = `CUST${shanghaiDay(new Date(at))}`;
    const next = (sequences.get(scope) ?? 0) + 1;
    sequences.set(scope, next);
    codes[index] = `${scope}${String(next).padStart(4, '0')}`;
  }
  return { codes, sequences };
}
