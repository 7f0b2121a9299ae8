/** Usage (to be built). */
export function UsagePage() {
  return (
    <section>
      <h1>Usage</h1>
    </section>
  );
}
