/** Resolves on the first SIGINT (Ctrl-C) or SIGTERM, then stops listening for both. */
export function waitForStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
