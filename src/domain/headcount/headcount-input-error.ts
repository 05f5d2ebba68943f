/** A caller passed a value the computation cannot work with (a bug upstream, not a refusal). */
export class HeadcountInputError extends Error {
  readonly code = 'INVALID_HEADCOUNT_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'HeadcountInputError';
  }
}
