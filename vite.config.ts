import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The site is static: `BASE_PATH=/kube-packet-lab/ npm run build` builds for a sub-path (e.g. GitHub Pages).
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  plugins: [
    react(),
    // index.html's Content-Security-Policy admits no inline script but the theme script; the dev server's
    // own inline scripts (React Refresh) would be refused, so it is left out in development only.
    { name: 'kpl-csp-dev-only', apply: 'serve', transformIndexHtml: (html: string) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '') },
    // Offline after the first visit: every built file (Monaco and its workers included) is precached.
    // 'prompt': a new version waits until the user chooses to reload, so nobody loses a half-written scenario.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Kube Packet Lab',
        short_name: 'Packet Lab',
        description: 'See how a Kubernetes Service really moves packets: kube-proxy iptables rules and netfilter, simulated in your browser.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#1d4ed8',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        // woff2 includes the bundled Korean font (Noto Sans KR 400 + 700, 1.1 MB of the ~8 MB precache):
        // it loads only in Korean, but a reader who switches to Korean offline must still get its glyphs.
        // Its .woff twins (for browsers without woff2) stay out of the precache.
        globPatterns: ['**/*.{js,css,html,svg,png,ttf,woff2,json,webmanifest}'],
        // Monaco's editor chunk is ~4 MB; the default 2 MiB cap would leave it out and break offline editing.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
