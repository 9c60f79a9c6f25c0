import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { datasetNames, datasets } from '../exports/datasets.ts';
import { campaignExport, exportFormats } from '../exports/stream-export.ts';

const tags = ['Open data'];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const columnDocs = datasetNames
  .map(
    (n) =>
      `**${n}** — ${datasets[n].description}\n${datasets[n].columns.map((c) => `- \`${c.key}\`: ${c.description}`).join('\n')}`,
  )
  .join('\n\n');

export const exportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/exports',
      tags,
      summary: 'The open-data datasets and their columns',
      responses: {
        200: json(
          z.object({
            formats: z.array(z.enum(exportFormats)),
            datasets: z.array(
              z.object({
                name: z.enum(datasetNames),
                description: z.string(),
                columns: z.array(z.object({ key: z.string(), description: z.string() })),
              }),
            ),
          }),
          'Datasets',
        ),
      },
    }),
    (c) =>
      c.json(
        {
          formats: [...exportFormats],
          datasets: datasetNames.map((name) => ({ name, ...datasets[name], rows: undefined })),
        },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{slug}/exports/{dataset}',
      tags,
      summary: 'Download a dataset of a campaign as CSV, XLSX or JSON Lines (streamed)',
      description: `Anyone may download. Rows are streamed as they are read, so large exports start at once and use little memory. The date range is in China-time days, inclusive.\n\n${columnDocs}`,
      request: {
        params: z.object({ slug: z.string().max(64), dataset: z.enum(datasetNames) }),
        query: z.object({
          format: z.enum(exportFormats).default('csv'),
          from: day.optional().openapi({ example: '2026-01-01' }),
          to: day.optional().openapi({ example: '2026-12-31' }),
        }),
      },
      responses: {
        200: {
          description: 'The dataset; columns as documented above, header row first (CSV, XLSX)',
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
            'application/x-ndjson': { schema: z.string() },
          },
        },
        ...errorResponses(400, 404),
      },
    }),
    (c) => {
      const { slug, dataset } = c.req.valid('param');
      const download = campaignExport(c.var.services, slug, dataset, c.req.valid('query'));
      return new Response(download.body, {
        status: 200,
        headers: {
          'Content-Type': download.contentType,
          'Content-Disposition': `attachment; filename="${download.filename}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
  );
