// Builds the Lit web app in web/ into web/dist, which the Node server serves in production
// (with an SPA fallback to index.html). In development, /api is proxied to the server on :3000.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // A RegExp key, so the /api-docs page is not proxied along with /api/….
      '^/api/': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
