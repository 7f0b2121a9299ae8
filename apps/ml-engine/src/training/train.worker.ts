import { parentPort } from 'node:worker_threads';
import { buffersOf, runTraining, type TrainRequest } from './train-job';

/**
 * The worker thread of one training job: takes one TrainRequest, posts progress and epochs as they
 * come, then the model (its typed arrays transferred) or the failure, and ends.
 */
const port = parentPort!;
port.once('message', (req: TrainRequest) => {
  runTraining(req, (e) => port.postMessage(e)).then(
    (result) => port.postMessage({ kind: 'done', ...result }, buffersOf(result.model)),
    (err: Error) => port.postMessage({ kind: 'failed', message: err.message }),
  );
});
