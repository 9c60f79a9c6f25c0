// Small wording helpers shared by the campaign card and the campaign page.
import type { CampaignSummary, SubmissionKind } from '../api/types.ts';
import { formatDay, localText, t } from '../i18n/index.ts';

/** "截止 2026年3月1日" / "长期开放" / "2026年5月1日 开始" / "已结束". */
export function deadlineText(c: CampaignSummary): string {
  if (c.currentPhase) {
    return c.closesOn
      ? t('campaign.closesOn', { date: formatDay(c.closesOn) })
      : t('campaign.alwaysOpen');
  }
  if (c.nextPhase) return t('campaign.opensOn', { date: formatDay(c.nextPhase.starts) });
  return t('campaign.ended');
}

export function phaseText(c: CampaignSummary): string {
  return c.currentPhase
    ? t('campaign.phaseNow', { name: localText(c.currentPhase.title) })
    : t('campaign.noPhase');
}

/** 我要建言 for suggestion calls, 我要留言 for message boards. */
export function actionText(kind: SubmissionKind): string {
  return t(`campaign.action.${kind}`);
}
