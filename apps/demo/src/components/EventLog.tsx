export interface LoggedEvent {
  name: string;
  at: Date;
}

/** The widget events Acme's page received through onEvent: what a host would send to its analytics. */
export function EventLog({ events }: { events: readonly LoggedEvent[] }) {
  if (events.length === 0) return null;
  return (
    <details className="event-log">
      <summary>Widget events received by Acme ({events.length})</summary>
      <ol>
        {events.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at.toISOString()}>{e.at.toLocaleTimeString()}</time> <code>{e.name}</code>
          </li>
        ))}
      </ol>
    </details>
  );
}
