// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { version } from 'react';
import { version as domVersion } from 'react-dom';

describe('the React in use', () => {
  it('is one React for react and react-dom, the one this run asked for', () => {
    expect(domVersion).toBe(version);
    expect(version.split('.')[0]).toBe(process.env['FLANGE_REACT'] ?? '19');
  });
});
