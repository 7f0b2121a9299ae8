/** Catalog (to be built). */
export function CatalogPage() {
  return (
    <section>
      <h1>Catalog</h1>
    </section>
  );
}
