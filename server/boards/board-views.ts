// The leadership boards people browse: the national overview (回复榜), a region's board and an
// addressee's board. Figures come from board-figures.ts; the messages themselves are the
// message-board campaign's public list, filtered by region or addressee (GET
// /api/campaigns/{slug}/submissions?region=…|addressee=…), so masking and one-voice rules hold.
import type { Figures } from '../figures/definitions.ts';
import { ApiError } from '../http/api-error.ts';
import type { Services } from '../services.ts';
import { addresseeTexts, type Addressee } from '../organisations/addressee-directory.ts';
import {
  boardCampaignIds,
  boardFigures,
  type BoardDim,
  type BoardPeriod,
} from './board-figures.ts';

const regionDim = (code: string): BoardDim =>
  code.length === 2 ? 'region2' : code.length === 4 ? 'region4' : 'region6';

/** The message board whose public list shows a board's messages (the first that takes addressees). */
function boardCampaign(s: Services): string | null {
  const ids = boardCampaignIds(s);
  const taking = ids.find((id) => s.campaigns.getById(id)!.definition.form.addressee);
  const id = taking ?? ids[0];
  return id ? s.campaigns.getById(id)!.slug : null;
}

/** An addressee as the pages list it. */
export function addresseeCard(s: Services, a: Addressee) {
  const unit = s.orgs.get(a.unitId);
  return {
    key: a.key,
    ...addresseeTexts(a),
    region: a.regionCode
      ? { code: a.regionCode, name: s.regions.fullName(a.regionCode) ?? a.regionCode }
      : null,
    unit: unit ? { code: unit.code, name: unit.name, nameEn: unit.nameEn } : null,
    retired: a.retired === 1,
  };
}

type Ranked = { code: string; name: string; figures: Figures };

/** Regions with published messages, by reply rate (then volume) and by volume. */
function rankings(rows: Ranked[]) {
  const active = rows.filter((r) => r.figures.published > 0);
  return {
    byReplyRate: [...active].sort(
      (a, b) =>
        (b.figures.replyRate ?? 0) - (a.figures.replyRate ?? 0) ||
        b.figures.published - a.figures.published ||
        a.code.localeCompare(b.code),
    ),
    byVolume: [...active].sort(
      (a, b) => b.figures.published - a.figures.published || a.code.localeCompare(b.code),
    ),
  };
}

/** The national overview: every province's figures, ranked by reply rate and by volume. */
export async function boardsOverview(s: Services, period: BoardPeriod) {
  const { frame, figures } = await boardFigures(s, period, 'region2', {
    only: s.regions.provinces,
  });
  const rows = s.regions.provinces.map((code) => ({
    code,
    name: s.regions.get(code)!.name,
    figures: figures.get(code)!,
  }));
  const total = rows.reduce(
    (sum, r) => ({
      published: sum.published + r.figures.published,
      replied: sum.replied + r.figures.replied,
    }),
    { published: 0, replied: 0 },
  );
  return { ...frame, campaign: boardCampaign(s), total, ...rankings(rows) };
}

/** A region's board: its figures, its parts ranked, and its addressees with theirs. */
export async function regionBoard(s: Services, code: string, period: BoardPeriod) {
  const region = s.regions.get(code);
  if (!region) throw new ApiError('not_found', `No region ${code}`);
  const here = s.addressees.all().filter((a) => a.regionCode === code);
  const [own, parts, leaders] = await Promise.all([
    boardFigures(s, period, regionDim(code), { only: [code] }),
    code.length < 6
      ? boardFigures(s, period, regionDim(`${code}00`), { within: code, only: region.children })
      : null,
    boardFigures(s, period, 'addressee', { only: here.map((a) => a.id) }),
  ]);
  const children = region.children.map((c) => ({
    code: c,
    name: s.regions.get(c)?.name ?? c,
    figures: parts!.figures.get(c)!,
  }));
  return {
    ...own.frame,
    campaign: boardCampaign(s),
    region: {
      code,
      name: region.name,
      fullName: s.regions.fullName(code) ?? region.name,
      parent: region.parent
        ? { code: region.parent, name: s.regions.get(region.parent)?.name ?? region.parent }
        : null,
    },
    figures: own.figures.get(code)!,
    addressees: here.map((a) => ({ ...addresseeCard(s, a), figures: leaders.figures.get(a.id)! })),
    children: parts ? rankings(children).byVolume : [],
  };
}

/** An addressee's board: who it is, which unit answers for it, and its figures. */
export async function addresseeBoard(s: Services, key: string, period: BoardPeriod) {
  const a = s.addressees.getByKey(key);
  if (!a) throw new ApiError('not_found', `No addressee '${key}'`);
  const { frame, figures } = await boardFigures(s, period, 'addressee', { only: [a.id] });
  return {
    ...frame,
    campaign: boardCampaign(s),
    addressee: addresseeCard(s, a),
    figures: figures.get(a.id)!,
  };
}

/**
 * The addressees one may write to, for the picker: those of a region (exact code), or matching
 * words in their title or place, retired ones left out.
 */
export function listAddressees(s: Services, q: { region?: string; q?: string }) {
  const words = q.q?.trim();
  return s.addressees
    .all()
    .filter((a) => !a.retired)
    .filter((a) => (q.region === undefined ? true : (a.regionCode ?? '') === q.region))
    .filter((a) => {
      if (!words) return true;
      const place = a.regionCode ? (s.regions.fullName(a.regionCode) ?? '') : '';
      return [a.title, a.titleEn ?? '', place].some((t) => t.includes(words));
    })
    .map((a) => addresseeCard(s, a));
}
