/** Users and roles (to be built). */
export function UsersPage() {
  return (
    <section>
      <h1>Users and roles</h1>
    </section>
  );
}
