// The PostgreSQL schema drizzle-kit reads (drizzle.pg.config.ts): every table of the one schema
// source (schema/index.ts), converted by from-sqlite.ts. Tables a foreign key points at come
// first. Not here: submission_search_rows, SQLite's FTS5 bookkeeping; PostgreSQL's search table is
// a hand-written migration (a tsvector with a GIN index, see schema/README.md).
import * as source from '../index.ts';
import { toPg } from './from-sqlite.ts';

export const users = toPg(source.users);
export const dataUpgrades = toPg(source.dataUpgrades);
export const adoptionCandidates = toPg(source.adoptionCandidates);
export const adoptionEvents = toPg(source.adoptionEvents);
export const adoptionMembers = toPg(source.adoptionMembers);
export const adoptionMilestones = toPg(source.adoptionMilestones);
export const adoptionStories = toPg(source.adoptionStories);
export const adoptionStoryLinks = toPg(source.adoptionStoryLinks);
export const adoptions = toPg(source.adoptions);
export const campaigns = toPg(source.campaigns);
export const classifierModels = toPg(source.classifierModels);
export const clusterEvents = toPg(source.clusterEvents);
export const clusterMembers = toPg(source.clusterMembers);
export const clusterModels = toPg(source.clusterModels);
export const clusters = toPg(source.clusters);
export const collectiveReplies = toPg(source.collectiveReplies);
export const collectiveReplyMembers = toPg(source.collectiveReplyMembers);
export const contentHolds = toPg(source.contentHolds);
export const emailOutbox = toPg(source.emailOutbox);
export const figureCells = toPg(source.figureCells);
export const figureHotTopics = toPg(source.figureHotTopics);
export const figureReplyTimes = toPg(source.figureReplyTimes);
export const figureSnapshots = toPg(source.figureSnapshots);
export const handlingAssignments = toPg(source.handlingAssignments);
export const handlings = toPg(source.handlings);
export const jobs = toPg(source.jobs);
export const labeledExamples = toPg(source.labeledExamples);
export const notifications = toPg(source.notifications);
export const organisations = toPg(source.organisations);
export const pendingLogins = toPg(source.pendingLogins);
export const platformSettings = toPg(source.platformSettings);
export const rateLimits = toPg(source.rateLimits);
export const policyClauses = toPg(source.policyClauses);
export const policyDocumentCampaigns = toPg(source.policyDocumentCampaigns);
export const policyDocuments = toPg(source.policyDocuments);
export const ratings = toPg(source.ratings);
export const recoveryCodes = toPg(source.recoveryCodes);
export const refCounters = toPg(source.refCounters);
export const replies = toPg(source.replies);
export const reports = toPg(source.reports);
export const routingProposals = toPg(source.routingProposals);
export const sensemakingQueue = toPg(source.sensemakingQueue);
export const sessions = toPg(source.sessions);
export const submissions = toPg(source.submissions);
export const supportFlags = toPg(source.supportFlags);
export const supportOrigins = toPg(source.supportOrigins);
export const supports = toPg(source.supports);
export const textSignatures = toPg(source.textSignatures);
export const timelineEvents = toPg(source.timelineEvents);
export const userRoles = toPg(source.userRoles);
export const userTotp = toPg(source.userTotp);
