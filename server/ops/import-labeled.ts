// `npm run import:labeled -- FILE.csv --campaign SLUG [--train]`: loads labelled history (columns
// title, body?, category) as training data for a campaign's routing classifier. Categories are
// matched to the campaign's topics by key or title; unknown ones are reported, not guessed.
import { readFileSync } from 'node:fs';
import { readCampaignFiles, syncCampaignFiles } from '../campaigns/sync-campaign-files.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/open-store.ts';
import { createServices, type Services } from '../services.ts';
import { labeledRowsToExamples, parseLabeledCsv } from '../sensemaking/classifier/index.ts';
import { trainCampaignClassifier } from '../sensemaking/routing-models.ts';

export async function importLabeled(s: Services, slug: string, csv: string) {
  const campaign = s.campaigns.get(slug);
  if (!campaign) throw new Error(`No campaign '${slug}'`);
  const { examples, unknown } = labeledRowsToExamples(
    parseLabeledCsv(csv),
    campaign.definition.topics,
  );
  const now = s.clock.now();
  await s.store.write(async (tx) => {
    for (const e of examples)
      await tx.sensemaking.addLabeledExample({
        campaignId: campaign.id,
        text: e.text,
        topic: e.label,
        source: 'import',
        submissionId: null,
        createdAt: now,
      });
  });
  return { imported: examples.length, unknown };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--campaign');
  const slug = args[args.indexOf('--campaign') + 1];
  if (!file || !slug || args.indexOf('--campaign') === -1) {
    console.error('usage: npm run import:labeled -- FILE.csv --campaign SLUG [--train]');
    process.exit(2);
  }
  const config = loadConfig();
  const store = await openStore(config);
  await syncCampaignFiles(store, readCampaignFiles(config.HUIYIN_CAMPAIGNS_DIR), systemClock.now());
  const s = await createServices(store, systemClock, config);
  try {
    const result = await importLabeled(s, slug, readFileSync(file, 'utf8'));
    console.log(`imported ${result.imported} labelled examples into ${slug}`);
    for (const u of result.unknown)
      console.log(`  skipped ${u.rows} rows of unknown category '${u.category}'`);
    if (args.includes('--train'))
      console.log(
        'trained:',
        JSON.stringify(await trainCampaignClassifier(s, s.campaigns.get(slug)!.id)),
      );
  } catch (error) {
    console.error(String(error));
    process.exitCode = 1;
  } finally {
    await s.store.close();
  }
}
