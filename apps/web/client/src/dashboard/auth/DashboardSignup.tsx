/** Open a shop (to be built). */
export function DashboardSignup() {
  return (
    <section>
      <h1>Open a shop</h1>
    </section>
  );
}
