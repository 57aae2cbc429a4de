import { it } from 'vitest';
import { builtinLibraryText } from '../src/builtins/builtin-library.js';
it('explore', async () => { console.log(builtinLibraryText()); });
