import { jingmai } from '@jingmai/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// jingmai() checks and ships jingmai.app.json, adds its CSP and fails the build over the budget.
export default defineConfig({
  plugins: [preact(), jingmai({ budgetBytes: 24 * 1024 })],
});
