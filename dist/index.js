import { createRequire as __cdnPublishCreateRequire } from 'node:module'; const require = __cdnPublishCreateRequire(import.meta.url);

// src/index.ts
process.setSourceMapsEnabled(true);
var { run } = await import("./main.js");
void run();
//# sourceMappingURL=index.js.map
