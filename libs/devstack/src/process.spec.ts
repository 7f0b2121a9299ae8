import { run } from './process';

describe('run', () => {
  it('resolves with what the command wrote on stdout, keeping its stderr off the terminal', async () => {
    await expect(run('sh', ['-c', 'echo out; echo noise >&2'])).resolves.toBe('out\n');
  });

  it('fails with the exit code and the end of stderr, so a failed install explains itself', async () => {
    await expect(
      run('sh', ['-c', 'echo "E: Unable to locate package nosuch" >&2; exit 100']),
    ).rejects.toThrow(
      'sh -c echo "E: Unable to locate package nosuch" >&2; exit 100 exited with 100:\nE: Unable to locate package nosuch',
    );
  });
});
