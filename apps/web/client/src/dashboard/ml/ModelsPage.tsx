/** Model versions (to be built). */
export function ModelsPage() {
  return (
    <section>
      <h1>Model versions</h1>
    </section>
  );
}
