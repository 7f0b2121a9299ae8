/** Your shop (to be built). */
export function TenantPage() {
  return (
    <section>
      <h1>Your shop</h1>
    </section>
  );
}
