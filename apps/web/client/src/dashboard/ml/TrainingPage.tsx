/** Training (to be built). */
export function TrainingPage() {
  return (
    <section>
      <h1>Training</h1>
    </section>
  );
}
