// Leadership boards (tag Boards of the API): whom one may write to, the national overview (回复榜),
// a region's board and a leader's board. The boards' messages are the message board's public
// list, filtered by region or addressee (api/submissions.ts shapes).
import type { FigureValues } from './figures.ts';
import { request } from './request.ts';
import type { LocalText, Page, Submission } from './types.ts';

/** A leader one may write to (an addressee of campaigns/organisations.yaml). */
export type Addressee = {
  key: string;
  title: LocalText;
  holder: LocalText | null;
  region: { code: string; name: string } | null;
  unit: { code: string; name: string; nameEn: string | null } | null;
  retired: boolean;
};

/** The definitions a board states for its figures. */
export type BoardDefinitionKey =
  | 'period'
  | 'published'
  | 'replied'
  | 'replyRate'
  | 'onTimeRate'
  | 'satisfactionRate'
  | 'medianHoursToReply';

/** What every board answer states: its period (YYYY-MM), snapshot time and definitions. */
export type BoardFrame = {
  period: { from: string; to: string };
  takenAt: number | null;
  definitions: Partial<Record<BoardDefinitionKey, { zh: string; en: string }>>;
  /** The message board whose public list holds the board's messages. */
  campaign: string | null;
};

export type RankedRegion = { code: string; name: string; figures: FigureValues };

export type BoardsOverview = BoardFrame & {
  total: { published: number; replied: number };
  byReplyRate: RankedRegion[];
  byVolume: RankedRegion[];
};

export type RegionBoard = BoardFrame & {
  region: {
    code: string;
    name: string;
    fullName: string;
    parent: { code: string; name: string } | null;
  };
  figures: FigureValues;
  addressees: (Addressee & { figures: FigureValues })[];
  children: RankedRegion[];
};

export type AddresseeBoard = BoardFrame & { addressee: Addressee; figures: FigureValues };

export type BoardPeriod = { from?: string | undefined; to?: string | undefined };

/** The leaders of exactly this region, or those whose title or place holds the words. */
export const listAddressees = (query: { region: string } | { q: string }, signal?: AbortSignal) =>
  request<{ items: Addressee[] }>('/addressees', { query, ...(signal ? { signal } : {}) }).then(
    (r) => r.items,
  );

export const boardsOverview = (period: BoardPeriod, signal?: AbortSignal) =>
  request<BoardsOverview>('/boards', { query: period, ...(signal ? { signal } : {}) });

export const regionBoard = (code: string, period: BoardPeriod, signal?: AbortSignal) =>
  request<RegionBoard>(`/boards/regions/${encodeURIComponent(code)}`, {
    query: period,
    ...(signal ? { signal } : {}),
  });

export const addresseeBoard = (key: string, period: BoardPeriod, signal?: AbortSignal) =>
  request<AddresseeBoard>(`/boards/addressees/${encodeURIComponent(key)}`, {
    query: period,
    ...(signal ? { signal } : {}),
  });

/** Whose messages a board lists: a region's (by code prefix) or a leader's (by key). */
export type BoardScope = { region: string } | { addressee: string };

/** A board's messages, newest first; `answered` keeps only those with a public answer. */
export const boardMessages = (
  campaign: string,
  scope: BoardScope,
  query: { page: number; pageSize: number; answered?: boolean },
  signal?: AbortSignal,
) =>
  request<Page<Submission>>(`/campaigns/${encodeURIComponent(campaign)}/submissions`, {
    query: {
      ...scope,
      sort: 'newest',
      page: query.page,
      pageSize: query.pageSize,
      answered: query.answered ? 1 : undefined,
    },
    ...(signal ? { signal } : {}),
  });
