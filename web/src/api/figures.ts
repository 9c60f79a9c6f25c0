// Figures: the public data page, the owner's dashboard, report and open-data links (tag Figures
// and Open data of the API). Shapes follow the Figures schema of /api/openapi.json.
import { request } from './request.ts';

export type Granularity = 'day' | 'week' | 'month';
export type FigureValues = {
  received: number;
  published: number;
  replied: number;
  unitReplied: number;
  onTime: number;
  satisfied: number;
  basically: number;
  unsatisfied: number;
  adopted: number;
  rated: number;
  replyRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  adoptionRate: number | null;
  medianHoursToReply: number | null;
};
/** A count the server hid because it was below 5 is null. */
export type Breakdown = {
  key: string;
  name: string;
  published: number | null;
  figures: FigureValues | null;
};
export type Figures = {
  snapshot: { generation: number; takenAt: number } | null;
  suppressed: boolean;
  headline: FigureValues;
  series: (FigureValues & { period: string })[];
  topics: Breakdown[];
  units: Breakdown[];
  regions: {
    parent: { code: string; name: string } | null;
    level: number;
    items: (Breakdown & { hasChildren: boolean })[];
    matrix: {
      topics: { key: string; name: string }[];
      rows: { key: string; name: string; cells: (number | null)[]; total: number | null }[];
      totals: (number | null)[];
      total: number | null;
    };
  };
  hotTopics: {
    id: string;
    campaign: string;
    title: string;
    people: number;
    lastWeek: number;
    supports: number;
  }[];
  definitions: Record<string, { zh: string; en: string }>;
};
export type FigureQuery = {
  campaign?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  granularity: Granularity;
  region?: string | undefined;
};
export type UnitRow = {
  unit: { code: string; name: string };
  assigned: number;
  replied: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  returned: number;
  returnRate: number | null;
  satisfactionRate: number | null;
  open: number;
};
export type Dashboard = {
  campaigns: { slug: string; title: string }[];
  figures: Figures;
  league: UnitRow[];
  overdue: {
    id: string;
    ref: string;
    title: string;
    unit: { code: string; name: string } | null;
    dueAt: number | null;
    escalated: boolean;
  }[];
};

export const figures = (q: FigureQuery, signal?: AbortSignal) =>
  request<Figures>('/figures', { query: q, ...(signal ? { signal } : {}) });

export const dashboard = (q: FigureQuery, signal?: AbortSignal) =>
  request<Dashboard>('/dashboard', { query: q, ...(signal ? { signal } : {}) });

export const refreshFigures = () =>
  request<{ generation: number; takenAt: number }>('/figures/refresh', {
    method: 'POST',
    body: {},
  });

export const exportDatasets = [
  'submissions',
  'replies',
  'clusters',
  'adoptions',
  'figures',
  'regions',
] as const;
export const exportFormats = ['csv', 'xlsx', 'jsonl'] as const;

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** A download link; a month range (YYYY-MM, inclusive) becomes the export's day range. */
export const exportUrl = (
  slug: string,
  dataset: string,
  format: string,
  range: { from?: string | undefined; to?: string | undefined } = {},
) =>
  `/api/campaigns/${encodeURIComponent(slug)}/exports/${dataset}?format=${format}${
    range.from ? `&from=${range.from}-01` : ''
  }${range.to ? `&to=${lastDay(range.to)}` : ''}`;

export const reportUrl = (slug: string, format: 'html' | 'pdf') =>
  `/api/campaigns/${encodeURIComponent(slug)}/report?format=${format}`;
