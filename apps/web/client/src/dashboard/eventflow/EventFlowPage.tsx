/** EventFlow (to be built). */
export function EventFlowPage() {
  return (
    <section>
      <h1>EventFlow</h1>
    </section>
  );
}
