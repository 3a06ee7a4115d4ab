import { describe, expect, it } from 'vitest';
import { hiddenField } from '../../../src/infrastructure/db/mappers/hidden-field.js';
import { aProduct } from '../../support/mothers/product.mother.js';

describe('hiddenField', () => {
  it('keeps a value per object, out of sight of JSON and Object.keys', () => {
    const field = hiddenField<object, { stock: number }>('test');
    const product = aProduct().withId('p-1').withSku('S').withName('N').build();
    const twin = aProduct().withId('p-1').withSku('S').withName('N').build();
    expect(field.get(product)).toBeUndefined();

    field.set(product, { stock: 5 });
    field.set(product, { stock: 4 }); // replaced, not added
    expect(field.get(product)).toEqual({ stock: 4 });
    expect(field.get(twin)).toBeUndefined();
    expect(Object.keys(product)).toEqual(Object.keys(twin));
    expect(JSON.stringify(product)).toBe(JSON.stringify(twin));
  });

  it('gives each field its own slot', () => {
    const a = hiddenField<object, number>('same description');
    const b = hiddenField<object, number>('same description');
    const owner = {};
    a.set(owner, 1);
    b.set(owner, 2);
    expect([a.get(owner), b.get(owner)]).toEqual([1, 2]);
  });
});
