import type { TrainingJob } from '@platform/contracts';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/Loading';
import { useLoad } from '../../ui/useLoad';
import { JobDetail } from './JobDetail';
import { JobsList } from './JobsList';
import { RetrainPolicyForm } from './RetrainPolicyForm';
import { TrainForm } from './TrainForm';
import { busyJob } from './training';

/** Training: start a job per model type, follow its progress and loss, the jobs so far, the retrain policy. */
export function TrainingPage() {
  const { api } = useSession();
  const jobs = useLoad(() => api<{ jobs: TrainingJob[] }>('/web-api/ml/training/jobs'), [api]);
  const [picked, setPicked] = useState<string>();
  // the followed job as last polled: newer than the list's copy while it runs
  const [followed, setFollowed] = useState<TrainingJob>();
  const listed = jobs.data?.jobs.map((j) => (j.job_id === followed?.job_id ? followed : j));
  const selected = picked ?? jobs.data?.jobs[0]?.job_id;

  return (
    <section>
      <h1>Training</h1>
      <TrainForm
        onStarted={(id) => {
          setPicked(id);
          jobs.reload();
        }}
        onRefused={jobs.reload}
        busyJobId={busyJob(jobs.data?.jobs)?.job_id}
      />
      {selected && (
        <JobDetail
          key={selected}
          jobId={selected}
          onStatusChange={() => jobs.reload()}
          onUpdate={setFollowed}
        />
      )}
      <section className="card">
        <h2>Jobs</h2>
        <ErrorMessage error={jobs.error} />
        {listed ? (
          <JobsList jobs={listed} selected={selected} onSelect={setPicked} />
        ) : (
          !jobs.error && <Loading what="Loading the jobs" />
        )}
      </section>
      <RetrainPolicyForm />
    </section>
  );
}
