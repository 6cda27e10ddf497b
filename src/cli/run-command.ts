/**
 * `qbd-sim run`: runs the bundled scenarios. The scenario runner is not built yet, so this says
 * what it will do and exits non-zero rather than pretending to pass.
 */
export async function runCommand(): Promise<number> {
  process.stderr.write(
    [
      'qbd-sim run: the scenario runner is not built yet.',
      'When it is, this command runs the bundled scenarios in scenarios/ (remove and reauthorize the connector,',
      'token key per company file, single-user and wrong-file failures) against the reference connector and the',
      'embedded fake QuickBooks, and prints a report.',
      'Today you can start the fake QuickBooks with:  npx qbd-sim serve',
      '',
    ].join('\n'),
  );
  return 2;
}
