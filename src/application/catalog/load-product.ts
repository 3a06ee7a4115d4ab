import { DomainError } from '../../domain/shared/domain-error.js';
import type { Product } from '../../domain/catalog/product.entity.js';
import type { ProductRepository } from '../../domain/catalog/product.repository.port.js';

export const productNotFound = (productId: string): DomainError =>
  new DomainError('product.not_found', 'no such product', [], { productId });

export const loadProduct = async (products: ProductRepository, productId: string): Promise<Product> => {
  const product = await products.findById(productId);
  if (!product) throw productNotFound(productId);
  return product;
};
