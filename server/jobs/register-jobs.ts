import { trainCampaignClassifier } from '../sensemaking/routing-models.ts';
import { registerJob } from './job-runner.ts';
import { runClustering } from '../sensemaking/topic-clusters.ts';
import { runMatching } from '../tracing/match-job.ts';

/** Every kind of recorded background job and what it runs. */
export function registerJobs(): void {
  registerJob('train-classifier', (s, job) => trainCampaignClassifier(s, job.campaignId!));
  registerJob('cluster-run', (s, job) => runClustering(s, job.campaignId!));
  registerJob('match-adoption', (s, job) => runMatching(s, job.campaignId!, job.subjectId));
}
