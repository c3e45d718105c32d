/** The little of addons-linter's programmatic API (it ships no types) that store-packages.test.ts calls. */
declare module 'addons-linter' {
  interface Message {
    code: string;
    message: string;
    file?: string;
    line?: number;
    column?: number;
  }
  interface Results {
    errors: Message[];
    warnings: Message[];
    notices: Message[];
  }
  const linter: {
    createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): { run(): Promise<Results> };
  };
  export default linter;
}
