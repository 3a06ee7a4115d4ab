import type { Product } from '../../domain/catalog/product.entity.js';
import { type MoneyDto, toMoneyDto } from '../shared/money.dto.js';

export interface ProductDto {
  id: string;
  sku: string;
  name: string;
  price: MoneyDto;
  stock: number;
  createdAt: string;
}

export const toProductDto = (product: Product): ProductDto => ({
  id: product.id,
  sku: product.sku,
  name: product.name,
  price: toMoneyDto(product.price),
  stock: product.stock,
  createdAt: product.createdAt.toISOString(),
});
