/** Sign in to your dashboard (to be built). */
export function DashboardLogin() {
  return (
    <section>
      <h1>Sign in to your dashboard</h1>
    </section>
  );
}
