import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two pages, one build: the storefront at / and the admin console at /admin/, sharing src/shared.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/dist',
    emptyOutDir: true,
    sourcemap: true,
    // react, react-dom, urql, graphcache and graphql are one ~520 kB vendor chunk (128 kB gzipped), shared by both apps
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: {
        storefront: resolve(import.meta.dirname, 'index.html'),
        admin: resolve(import.meta.dirname, 'admin/index.html'),
      },
    },
  },
  server: { port: 5173, strictPort: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
