/** An item's stock as a buyer reads it. */
export function stockText(stock: number): string {
  if (stock <= 0) return 'Out of stock';
  if (stock < 5) return `Only ${stock} left`;
  return 'In stock';
}
