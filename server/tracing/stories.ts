// Stories about adoptions ("from golden idea to golden key"): an editor drafts, links the
// adoptions it tells of, and publishes; the campaign page and the adopted page show it.
import type { Actor } from '../auth/actor.ts';
import { ApiError } from '../http/api-error.ts';
import { newId } from '../ids.ts';
import type { Services } from '../services.ts';
import { getAdoption } from './adoption-views.ts';
import { requireCurator } from '../auth/curators.ts';
import { maskPersonalData } from '../text/mask-personal-data.ts';

export type StoryInput = { title: string; body: string; adoptions: string[] };

function checkAdoptions(s: Services, campaignId: string, ids: string[]): void {
  const inCampaign = s.sqlite.prepare(
    'select 1 from adoptions where id = ? and campaign_id = ? and withdrawn_at is null',
  );
  for (const id of ids)
    if (!inCampaign.get(id, campaignId))
      throw new ApiError('validation_failed', `No adoption ${id} in this campaign`, {
        fields: { adoptions: id },
      });
}

function linkAdoptions(s: Services, storyId: string, ids: string[]): void {
  s.sqlite.prepare('delete from adoption_story_links where story_id = ?').run(storyId);
  const link = s.sqlite.prepare(
    'insert into adoption_story_links (story_id, adoption_id) values (?, ?)',
  );
  for (const id of new Set(ids)) link.run(storyId, id);
}

export async function createStory(
  s: Services,
  actor: Actor | null,
  campaignSlug: string,
  input: StoryInput,
): Promise<string> {
  const campaign = s.campaigns.get(campaignSlug);
  if (!campaign) throw new ApiError('not_found', 'No such campaign');
  const user = requireCurator(s, actor, [campaign.id]);
  checkAdoptions(s, campaign.id, input.adoptions);
  const now = s.clock.now();
  const id = newId('sty', now);
  await s.writer.run(() => {
    s.sqlite
      .prepare(
        `insert into adoption_stories (id, campaign_id, title, body, status, created_by, created_at, updated_at)
         values (?, ?, ?, ?, 'draft', ?, ?, ?)`,
      )
      .run(id, campaign.id, input.title, input.body, user.id, now, now);
    linkAdoptions(s, id, input.adoptions);
  });
  return id;
}

export function storyOr404(
  s: Services,
  id: string,
): { id: string; campaignId: string; status: string } {
  const row = s.sqlite
    .prepare('select id, campaign_id as campaignId, status from adoption_stories where id = ?')
    .get(id) as { id: string; campaignId: string; status: string } | undefined;
  if (!row) throw new ApiError('not_found', 'No such story');
  return row;
}

export async function updateStory(
  s: Services,
  actor: Actor | null,
  id: string,
  input: Partial<StoryInput> & { published?: boolean },
): Promise<void> {
  const story = storyOr404(s, id);
  requireCurator(s, actor, [story.campaignId]);
  if (input.adoptions) checkAdoptions(s, story.campaignId, input.adoptions);
  const now = s.clock.now();
  await s.writer.run(() => {
    if (input.title !== undefined)
      s.sqlite.prepare('update adoption_stories set title = ? where id = ?').run(input.title, id);
    if (input.body !== undefined)
      s.sqlite.prepare('update adoption_stories set body = ? where id = ?').run(input.body, id);
    if (input.adoptions) linkAdoptions(s, id, input.adoptions);
    if (input.published === true)
      s.sqlite
        .prepare(
          "update adoption_stories set status = 'published', published_at = coalesce(published_at, ?) where id = ?",
        )
        .run(now, id);
    if (input.published === false)
      s.sqlite.prepare("update adoption_stories set status = 'draft' where id = ?").run(id);
    s.sqlite.prepare('update adoption_stories set updated_at = ? where id = ?').run(now, id);
  });
}

type StoryRow = {
  id: string;
  campaignId: string;
  title: string;
  body: string;
  status: 'draft' | 'published';
  publishedAt: number | null;
  updatedAt: number;
};

/**
 * Published stories (and drafts when asked by a curator), newest first, with their adoptions.
 * `curates` says who wrote them and may read them as written: everyone else reads the title and
 * text through the masking pass (a story may quote a citizen's words).
 */
export function listStories(
  s: Services,
  campaignId: string | null,
  includeDrafts: (campaignId: string) => boolean,
  curates: (campaignId: string) => boolean,
) {
  const rows = s.sqlite
    .prepare(
      `select id, campaign_id as campaignId, title, body, status, published_at as publishedAt, updated_at as updatedAt
       from adoption_stories where ? is null or campaign_id = ?
       order by coalesce(published_at, updated_at) desc, id desc`,
    )
    .all(campaignId, campaignId) as StoryRow[];
  return rows
    .filter((r) => r.status === 'published' || includeDrafts(r.campaignId))
    .map((r) => viewStory(s, r, curates(r.campaignId)));
}

/** One story as a curator of its campaign reads it (unmasked): the answer to their own edits. */
export function getStory(s: Services, id: string) {
  const row = s.sqlite
    .prepare(
      `select id, campaign_id as campaignId, title, body, status, published_at as publishedAt, updated_at as updatedAt
       from adoption_stories where id = ?`,
    )
    .get(id) as StoryRow | undefined;
  return row ? viewStory(s, row, true) : undefined;
}

function viewStory(s: Services, r: StoryRow, asWritten: boolean) {
  const campaign = s.campaigns.getById(r.campaignId)!;
  const adoptionIds = s.sqlite
    .prepare('select adoption_id from adoption_story_links where story_id = ? order by adoption_id')
    .pluck()
    .all(r.id) as string[];
  return {
    id: r.id,
    campaign: { slug: campaign.slug, title: campaign.definition.title },
    title: asWritten ? r.title : maskPersonalData(r.title).text,
    body: asWritten ? r.body : maskPersonalData(r.body).text,
    status: r.status,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
    adoptions: adoptionIds.map((id) => getAdoption(s, id)).filter((a) => a !== undefined),
  };
}
