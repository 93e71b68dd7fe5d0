// The runner starts `node dist/index.js` with no flags, so source maps are turned on here, before the
// action is loaded (Node reads a module's map only when it loads the module): an error's stack then
// names src/ lines. main.js is its own entry of the bundle (dist/main.js).
process.setSourceMapsEnabled(true)
const { run } = await import('./main.js')

void run()
