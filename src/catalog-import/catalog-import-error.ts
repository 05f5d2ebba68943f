/** The input files break the format; `problems` lists every one found, each naming where it is. */
export class CatalogImportError extends Error {
  readonly code = 'INVALID_CATALOG';
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `The catalog is invalid: ${problems[0]}`
        : `The catalog is invalid (${problems.length} problems):\n${problems.join('\n')}`,
    );
    this.name = 'CatalogImportError';
  }
}
