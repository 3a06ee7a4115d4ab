import type { Product, ProductStatus } from '../../domain/catalog/product.entity.js';
import type { StockMovementKind } from '../../domain/catalog/stock-movement.js';
import { type MoneyDto, toMoneyDto } from '../shared/money.dto.js';

export interface ProductDto {
  id: string;
  sku: string;
  name: string;
  description: string;
  status: ProductStatus;
  price: MoneyDto;
  stock: number;
  createdAt: string;
  updatedAt: string;
}

export const toProductDto = (product: Product): ProductDto => ({
  id: product.id,
  sku: product.sku,
  name: product.name,
  description: product.description,
  status: product.status,
  price: toMoneyDto(product.price),
  stock: product.stock,
  createdAt: product.createdAt.toISOString(),
  updatedAt: product.updatedAt.toISOString(),
});

export interface StockMovementDto {
  id: string;
  productId: string;
  delta: number;
  stockAfter: number;
  reason: string;
  kind: StockMovementKind;
  orderId: string | null;
  actorId: string | null;
  createdAt: string;
}
