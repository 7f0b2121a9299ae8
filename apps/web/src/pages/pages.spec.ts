import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { pagesRouter } from './pages';

describe('pagesRouter', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'web-pages-'));
  const app = express().use(pagesRouter(dir));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a browser with a readable 503 page while index.html is missing (a build under way)', async () => {
    const res = await request(app).get('/dashboard/users').set('Accept', 'text/html');
    expect(res.status).toBe(503);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('The shop is starting');
  });

  it('serves index.html for a router path once it is there', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    const res = await request(app).get('/shop/abc/cart').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
