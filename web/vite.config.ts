import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The explorer is served by the API server from web/dist; in development Vite proxies /graphql and /export to it. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/export'].map((path) => [path, process.env.API_URL ?? 'http://localhost:4000']),
    ),
  },
});
