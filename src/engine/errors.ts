/** Thrown for input the engine cannot work with (bad period label, malformed date, unknown key in a
 * what-if scenario). Callers (CLI, API) map it to a 400-style error; `field` says which input. */
export class EngineInputError extends Error {
  override readonly name = 'EngineInputError';
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}
