import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Assignment } from '../pack/types.ts';
import { MATH_CSS, writeMathAssets } from '../report/render/math-assets.ts';
import type { RunInfo } from '../report/types.ts';
import { readAdjustedResults } from '../results/adjust.ts';
import { cleanText } from '../results/clean-text.ts';
import { partReview, scoreVersions, textParts } from './review-model.ts';
import { indexPage, partPage } from './review-page.ts';
import { rerenderReports } from './review-reports.ts';
import { parseScoreRequest, ReviewRequestError, saveScores } from './review-save.ts';
import { REVIEW_SCRIPT } from './review-script.ts';
import { REVIEW_CSS } from './review-style.ts';

export interface ReviewServerOptions {
  outDir: string;
  assignment: Assignment;
  specDir: string;
  run: RunInfo;
  /** 0 (the default): a free port chosen by the system. */
  port?: number;
  /** The secret of the URL; a fresh random one by default (tests pass none either). */
  token?: string;
  /** Told of every failure to rewrite the reports (the page shows it too). */
  onRenderError?: (message: string) => void;
}

export interface ReviewServer {
  /** The page's address, token included: the one thing that opens it. */
  url: string;
  port: number;
  /** The revision of the TA store the reports were last rewritten from, and whether a rewrite is under way. */
  renderState(): { renderedRevision: number; rendering: boolean; error?: string };
  /** Stops taking requests, and waits for the reports being rewritten. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Every response carries these: the page runs only its own script file, loads nothing from
 * elsewhere, is framed by nobody, and nothing is cached (the answers are students' work).
 * Styles may be inline for the typeset math alone (KaTeX sets sizes in style attributes); no
 * CORS header is ever sent, so no other origin reads an answer.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** A fresh secret for the URL: 192 random bits from the system's cryptographic source. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Serves the review page of a reports folder on 127.0.0.1 alone, every path under a random token:
 * a request without it, for another Host (DNS rebinding), from another origin, or a POST that is
 * not JSON is refused. Scores go into the TA store (see review-save.ts); each write schedules a
 * rewrite of the reports, one at a time, the last covering every write before it.
 */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const { outDir, assignment } = options;
  const token = options.token ?? newToken();
  const tokenDigest = digest(token);
  const base = `/${token}/`;
  // The pages link the math stylesheet the reports ship: present even if no feedback page was written yet.
  await writeMathAssets(outDir);
  const parts = textParts(assignment);

  let renderedRevision = (await readAdjustedResults(outDir, assignment).catch(() => undefined))?.store.revision ?? 0;
  let renderError: string | undefined;
  let dirty = false;
  let running: Promise<void> | undefined;
  const requestRender = () => {
    dirty = true;
    running ??= (async () => {
      while (dirty) {
        dirty = false;
        try {
          renderedRevision = (await rerenderReports({ outDir, assignment, specDir: options.specDir, run: options.run })).revision;
          renderError = undefined;
        } catch (err) {
          renderError = cleanText(err instanceof Error ? err.message : String(err));
          options.onRenderError?.(renderError);
        }
      }
    })().finally(() => {
      running = undefined;
    });
  };

  let port = options.port ?? 0;
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'Forbidden: this server answers only to 127.0.0.1 and localhost.');
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const [first, ...rest] = url.pathname.split('/').slice(1);
    // Compared in constant time, as digests of equal length, whatever was sent.
    if (first === undefined || !timingSafeEqual(digest(first), tokenDigest)) return refuse(res, 403, 'Forbidden: open the address with its token, as the review command printed it.');
    const route = rest.join('/');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(res, 403, 'Forbidden: requests from another origin are refused.');
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return refuse(res, 403, 'Forbidden: requests from another site are refused.');

    if (req.method === 'POST') {
      if (route !== 'api/score') return refuse(res, 404, 'Not found.');
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return refuse(res, 415, 'Unsupported: scores are sent as application/json.');
      const body = await readBody(req);
      if (body === undefined) return json(res, 413, { message: `bad request: the body is over ${MAX_BODY_BYTES} bytes` });
      let data: unknown;
      try {
        data = JSON.parse(body);
      } catch {
        return json(res, 400, { message: 'bad request: the body is not JSON' });
      }
      try {
        const { request, part } = parseScoreRequest(data, assignment);
        const outcome = await saveScores(outDir, assignment, request, part);
        if (outcome.changed > 0) requestRender();
        return json(res, 200, outcome);
      } catch (err) {
        if (err instanceof ReviewRequestError) return json(res, err.status, { message: err.message });
        // A store or reports folder problem (locked, unreadable, full disk) is the TA's to see.
        return json(res, 500, { message: `not saved: ${cleanText(err instanceof Error ? err.message : String(err))}` });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, POST');
      return refuse(res, 405, 'Method not allowed.');
    }
    if (route === '') {
      const { results, store } = await readAdjustedResults(outDir, assignment);
      const versions = scoreVersions(store);
      return send(res, 200, 'text/html; charset=utf-8', indexPage(assignment, parts.map((p) => partReview(p, results, store, versions)), base));
    }
    if (route.startsWith('part/')) {
      const id = safeDecode(route.slice('part/'.length));
      const part = parts.find((p) => p.id === id);
      if (!part) return refuse(res, 404, 'Not found: no free-text part of that id.');
      const { results, store } = await readAdjustedResults(outDir, assignment);
      return send(res, 200, 'text/html; charset=utf-8', partPage(assignment, partReview(part, results, store), parts, base));
    }
    if (route === 'review.js') return send(res, 200, 'text/javascript; charset=utf-8', REVIEW_SCRIPT);
    if (route === 'review.css') return send(res, 200, 'text/css; charset=utf-8', REVIEW_CSS);
    if (route === 'api/status') {
      return json(res, 200, { renderedRevision, rendering: running !== undefined, ...(renderError ? { error: renderError } : {}) });
    }
    const asset = mathAsset(route);
    if (asset) {
      const bytes = await readFile(path.join(outDir, asset.file)).catch(() => undefined);
      if (bytes) return send(res, 200, asset.type, bytes);
    }
    return refuse(res, 404, 'Not found.');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) refuse(res, 500, `Internal error: ${cleanText(err instanceof Error ? err.message : String(err))}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${HOST}:${port}${base}`,
    port,
    renderState: () => ({ renderedRevision, rendering: running !== undefined, ...(renderError ? { error: renderError } : {}) }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      while (running) await running;
    },
  };
}

/** The math stylesheet and its fonts, by the names the reports give them, and nothing else of the folder. */
function mathAsset(route: string): { file: string; type: string } | undefined {
  if (route === MATH_CSS) return { file: MATH_CSS, type: 'text/css; charset=utf-8' };
  const fonts = `${path.posix.dirname(MATH_CSS)}/fonts/`;
  if (route.startsWith(fonts) && /^[A-Za-z0-9_-]+\.woff2$/.test(route.slice(fonts.length))) return { file: route, type: 'font/woff2' };
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the bound the rest is read and dropped, so the refusal still reaches the page.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`);
}
