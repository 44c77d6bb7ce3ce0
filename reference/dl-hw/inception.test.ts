import { describe, expect, it } from 'vitest';
import * as inception from './inception.ts';

describe('q1 numbers', () => {
  it.each([
    ['savingLimitPercent', inception.savingLimitPercent, 28],
    ['receptiveField', inception.receptiveField, 5],
    ['saving2x2Percent', inception.saving2x2Percent, 100 / 9],
    ['savingAsymmetricPercent', inception.savingAsymmetricPercent, 100 / 3],
    ['noSavingN', inception.noSavingN, 2],
    ['gridRatioLimit', inception.gridRatioLimit, 4],
  ])('%s should be %d', (_name, fn, want) => {
    expect(Math.abs(fn() - want)).toBeLessThan(1e-12);
  });
});

describe('q1 formulas at the answer key points', () => {
  it('should count 102464 and 73856 parameters for a layer of F = 64 filters', () => {
    expect(64 * inception.params5x5({ F: 64 })).toBe(102464);
    expect(64 * inception.paramsTwo3x3({ F: 64 })).toBe(73856);
  });

  it.each([
    [1, 23.077],
    [3, 26.316],
    [16, 27.681],
    [64, 27.92],
    [256, 27.98],
  ])('should save %d → %d %% with biases', (F, percent) => {
    expect(100 * inception.saving({ F })).toBeCloseTo(percent, 3);
    expect(inception.saving({ F })).toBeCloseTo(1 - inception.paramsTwo3x3({ F }) / inception.params5x5({ F }), 14);
  });

  it('should approach the saving limit', () => {
    expect(100 * inception.saving({ F: 1e9 })).toBeCloseTo(inception.savingLimitPercent(), 6);
  });

  it.each([
    [3, 0.3333],
    [5, 0.6],
    [7, 0.7143],
    [2, 0],
  ])('should give a factorization saving 1 − 2/n at n = %d of %d', (n, saving) => {
    expect(1 - inception.costRatio({ n })).toBeCloseTo(saving, 4);
  });

  it.each([
    [3, 64, 4610 / 1153],
    [1, 1, 10 / 3],
    [3, 1, 74 / 19],
  ])('should give R/L at K = %d, C0 = %d', (K, C0, want) => {
    expect(inception.gridRatio({ K, C0 })).toBeCloseTo(want, 12);
  });
});
