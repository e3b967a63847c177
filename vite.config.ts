import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The site is static: `BASE_PATH=/kube-packet-lab/ npm run build` builds for a sub-path (e.g. GitHub Pages).
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  plugins: [react()],
  // Monaco and monaco-yaml are big CommonJS-free ESM trees; pre-bundling them up front keeps the
  // first cold dev load from being thrown away and reloaded (see ECOSYSTEM.md).
  optimizeDeps: {
    include: ['monaco-editor', 'monaco-yaml', 'monaco-yaml/yaml.worker.js'],
  },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
});
