import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadModel, locateModel, render } from './generate.ts';

describe('generate.ts', () => {
  it('regenerates the committed file byte for byte', (t) => {
    let path: string;
    try {
      path = locateModel();
    } catch {
      t.skip('python3 with botocore is not available');
      return;
    }
    const committed = readFileSync(new URL('./cognito-idp.generated.ts', import.meta.url), 'utf8');
    assert.equal(render(loadModel(path)), committed);
  });
});
