import { SMTPServer } from 'smtp-server';
import { freePort } from '@platform/devstack';

/**
 * An SMTP server of the soak's own for notification-worker: it takes every mail and only counts it, so
 * ten minutes of receipts neither fill the devstack's MailDev (shared with the tests) nor slow it down.
 */
export async function startSmtpSink() {
  let mails = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        mails++;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails: () => mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
