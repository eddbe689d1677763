import { jingmai } from '@jingmai/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// jingmai() checks and ships jingmai.app.json, adds its CSP and keeps the bundle in budget.
export default defineConfig({
  plugins: [preact(), jingmai()],
});
