import { jingmai } from '@jingmai/vite-plugin';
import { defineConfig } from 'vite';

// jingmai() checks and ships jingmai.app.json, adds its CSP and keeps the bundle in budget.
export default defineConfig({
  plugins: [jingmai()],
});
