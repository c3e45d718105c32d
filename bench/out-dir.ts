// Imported first by run.ts: the e2e helper reads CD_OUT_DIR when it is loaded, and the bench builds into its own
// folder so it never meets the tests' or another engineer's build.
process.env.CD_OUT_DIR ??= '.output-bench';
