// Netlify build plugin: keep cablesite's build cache and the previous site between builds,
// so a changed cable re-renders only the pages that show it (see docs/deploy.md).
// A local plugin, so the Python project needs no package.json and no npm install.

module.exports = {
  async onPreBuild({ inputs, utils }) {
    const restored = await utils.cache.restore(inputs.paths);
    console.log(restored ? `restored ${inputs.paths.join(", ")}` : "no build cache yet: full build");
  },

  // After a successful build only: a failed build must not replace a good cache.
  async onPostBuild({ inputs, utils }) {
    const saved = await utils.cache.save(inputs.paths);
    console.log(saved ? `saved ${inputs.paths.join(", ")}` : "build cache unchanged");
  },
};
