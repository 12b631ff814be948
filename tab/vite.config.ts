import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const page = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

// One build, four pages: the tab itself, the consent pop-up's last page, and the two static pages the
// Teams manifest links to. The admin pages are split off by React.lazy (docs/spec.md §8: separate chunks).
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    rollupOptions: {
      input: {
        index: page("index.html"),
        "auth-end": page("auth-end.html"),
        privacy: page("privacy.html"),
        terms: page("terms.html"),
      },
    },
  },
});
