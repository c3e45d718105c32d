/** Nothing to show yet: says so, and what the agent can do about it. */
export function EmptyState({ title, hint }: { title: string; hint: string }) {
  return (
    <div class="empty-state">
      <strong>{title}</strong>
      <p>{hint}</p>
    </div>
  );
}
