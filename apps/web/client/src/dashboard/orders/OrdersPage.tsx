/** Orders and payments (to be built). */
export function OrdersPage() {
  return (
    <section>
      <h1>Orders and payments</h1>
    </section>
  );
}
