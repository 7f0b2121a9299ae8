/** Try recommendations (to be built). */
export function TryRecommendationsPage() {
  return (
    <section>
      <h1>Try recommendations</h1>
    </section>
  );
}
