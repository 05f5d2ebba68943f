/** A request that breaks the input contract (a malformed date, an id with forbidden characters). */
export class InvalidInputError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InvalidInputError';
  }
}
