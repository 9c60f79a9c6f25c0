import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../services.ts';
import { ApiError } from './api-error.ts';

/** Nesting deeper than this is refused: no form of ours comes close, and deep JSON costs stack. */
export const maxJsonDepth = 32;

/** Keys that could reach an object's prototype if some code ever merged the body into an object. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

type Problem = {
  reason: 'duplicate_key' | 'forbidden_key' | 'too_deep' | 'nul_character';
  key?: string;
};

// A NUL character has no place in anything a person writes, and PostgreSQL cannot store one in
// text: it is refused at the edge, in the URL and in JSON bodies alike, on both engines.
const nulInUrl = /%00/i;
const nulInJson = /(?<!\\)\\u0000/i;

/**
 * Walks JSON text that JSON.parse has already accepted, looking at what JSON.parse forgives:
 * a repeated key (the last one silently wins), prototype keys, and deep nesting.
 */
export function findJsonProblem(text: string): Problem | null {
  const stack: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Outside strings only quotes, brackets and commas matter; skip everything else quickly.
    if (code !== 34 && code !== 123 && code !== 91 && code !== 125 && code !== 93 && code !== 44)
      continue;
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      // Inside a string: stop at the closing quote, stepping over escapes (92 is a backslash).
      for (let cj = text.charCodeAt(j); cj !== 34; cj = text.charCodeAt(j)) j += cj === 92 ? 2 : 1;
      const frame = stack.at(-1);
      if (frame?.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (forbiddenKeys.has(key)) return { reason: 'forbidden_key', key };
        if (frame.keys.has(key)) return { reason: 'duplicate_key', key };
        frame.keys.add(key);
        frame.expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? { keys: new Set(), expectKey: true } : null);
      if (stack.length > maxJsonDepth) return { reason: 'too_deep' };
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const frame = stack.at(-1);
      if (frame) frame.expectKey = true;
    }
  }
  return null;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * No NUL character in any request's address. Strict JSON for every write: the bytes must be UTF-8, the text valid JSON without duplicate or
 * prototype keys and not too deep; otherwise 400 invalid_json with `details.reason`. The decoded
 * text is left in Hono's body cache, so the route's validator parses the same text.
 */
export const strictJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (nulInUrl.test(c.req.url))
    throw new ApiError('validation_failed', 'The address holds a NUL character', {
      fields: { _: 'NUL character' },
    });
  if (
    !writeMethods.has(c.req.method) ||
    !/^application\/json\b/i.test(c.req.header('content-type') ?? '')
  ) {
    return next();
  }
  let text: string;
  try {
    text = utf8.decode(await c.req.arrayBuffer());
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid UTF-8', {
      reason: 'invalid_utf8',
    });
  }
  // Hono keeps the promise of each body reading here; its type names the resolved value.
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
  if (text.trim() !== '') {
    try {
      JSON.parse(text);
    } catch {
      throw new ApiError('invalid_json', 'The request body is not valid JSON', {
        reason: 'malformed',
      });
    }
    const problem: Problem | null = nulInJson.test(text)
      ? { reason: 'nul_character' }
      : findJsonProblem(text);
    if (problem) {
      const what = {
        duplicate_key: `the key "${problem.key}" appears twice`,
        forbidden_key: `the key "${problem.key}" is not allowed`,
        too_deep: `nesting deeper than ${maxJsonDepth} levels`,
        nul_character: 'it holds a NUL character (\\u0000)',
      }[problem.reason];
      throw new ApiError('invalid_json', `The request body is refused: ${what}`, problem);
    }
  }
  await next();
};
