import { createRoute, z } from '@hono/zod-openapi';
import { boardPeriod } from '../boards/board-figures.ts';
import {
  addresseeBoard,
  boardsOverview,
  listAddressees,
  regionBoard,
} from '../boards/board-views.ts';
import { errorResponses, json } from '../http/openapi-schemas.ts';
import { createRouter } from '../http/router.ts';
import { onReplica } from '../services.ts';
import { FigureValues, month } from './figures.ts';

const tags = ['Boards'];
const PeriodQuery = z.object({
  from: month
    .optional()
    .openapi({ description: 'First month (YYYY-MM); default: 11 months before `to`' }),
  to: month.optional().openapi({ description: 'Last month, inclusive; default: this month' }),
});
const Local = z.object({ 'zh-CN': z.string(), en: z.string().optional() });
const Frame = {
  period: z.object({ from: z.string(), to: z.string() }),
  takenAt: z.number().nullable().openapi({ description: 'When the figures were counted' }),
  definitions: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  campaign: z
    .string()
    .nullable()
    .openapi({ description: "The message board whose public list shows the board's messages" }),
};
const Ranked = z.object({ code: z.string(), name: z.string(), figures: FigureValues });
const AddresseeCard = z
  .object({
    key: z.string(),
    title: Local,
    holder: Local.nullable(),
    region: z.object({ code: z.string(), name: z.string() }).nullable(),
    unit: z
      .object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() })
      .nullable(),
    retired: z.boolean(),
  })
  .openapi('Addressee');

export const boardRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/addressees',
      tags,
      summary: 'Whom one may write to: the addressees of a region, or matching words',
      request: {
        query: z.object({
          region: z
            .string()
            .regex(/^\d{2,6}$/)
            .optional()
            .openapi({ example: '4110' }),
          q: z.string().max(50).optional().openapi({ example: '市长' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(AddresseeCard) }), 'Addressees') },
    }),
    (c) => c.json({ items: listAddressees(c.var.services, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/boards',
      tags,
      summary: 'The national overview: provinces ranked by reply rate and by volume (回复榜)',
      request: { query: PeriodQuery },
      responses: {
        200: json(
          z.object({
            ...Frame,
            total: z.object({ published: z.number(), replied: z.number() }),
            byReplyRate: z.array(Ranked),
            byVolume: z.array(Ranked),
          }),
          'Overview',
        ),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const s = onReplica(c.var.services);
      const q = c.req.valid('query');
      return c.json(await boardsOverview(s, boardPeriod(s, q.from, q.to)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/boards/regions/{code}',
      tags,
      summary: "A region's board: its figures, its parts ranked, its addressees",
      request: {
        params: z.object({ code: z.string().regex(/^\d{2}(\d{2}){0,2}$/) }),
        query: PeriodQuery,
      },
      responses: {
        200: json(
          z.object({
            ...Frame,
            region: z.object({
              code: z.string(),
              name: z.string(),
              fullName: z.string(),
              parent: z.object({ code: z.string(), name: z.string() }).nullable(),
            }),
            figures: FigureValues,
            addressees: z.array(AddresseeCard.extend({ figures: FigureValues })),
            children: z.array(Ranked),
          }),
          'Region board',
        ),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const s = onReplica(c.var.services);
      const q = c.req.valid('query');
      const period = boardPeriod(s, q.from, q.to);
      return c.json(await regionBoard(s, c.req.valid('param').code, period), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/boards/addressees/{key}',
      tags,
      summary: "An addressee's board: who answers for it and its figures",
      request: { params: z.object({ key: z.string().max(64) }), query: PeriodQuery },
      responses: {
        200: json(
          z.object({ ...Frame, addressee: AddresseeCard, figures: FigureValues }),
          'Addressee board',
        ),
        ...errorResponses(400, 404),
      },
    }),
    async (c) => {
      const s = onReplica(c.var.services);
      const q = c.req.valid('query');
      const period = boardPeriod(s, q.from, q.to);
      return c.json(await addresseeBoard(s, c.req.valid('param').key, period), 200);
    },
  );
