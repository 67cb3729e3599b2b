export default defineConfig({
  build: {
    outDir: "build",
  },
});
