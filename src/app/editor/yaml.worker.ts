// A local entry for monaco-yaml's worker: importing it through our own file avoids a Vite dev-mode bug
// with workers that live inside node_modules (see ECOSYSTEM.md).
import 'monaco-yaml/yaml.worker.js';
