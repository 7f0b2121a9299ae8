// devstack is a command-line tool: it reports on stderr so stdout stays free for `env` output.
export const say = (msg: string): void => {
  process.stderr.write(`[devstack] ${msg}\n`);
};
