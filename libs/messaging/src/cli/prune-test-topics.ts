// npm test runs this before the tests: the topics of earlier test runs are deleted (see deleteTestTopics).
import { deleteTestTopics } from '../testing';

deleteTestTopics().then(
  (n) => process.stdout.write(`[test] deleted ${n} topics of earlier test runs\n`),
  (err: Error) => {
    // a failed clean-up must not stop the tests: the topics are only kept a little longer
    process.stderr.write(`[test] could not delete old test topics: ${err.message}\n`);
  },
);
