import { useQuery } from '@tanstack/react-query';
import { demoApi } from '../api';
import { DOWNTIME, KPIS } from './sample-data';

const WEEKS = 8;
const MAX_HOURS = 24;
/** Horizontal room per week in the chart's own units: wide enough to fill the card at 220 px high. */
const STEP = 110;

/** The overview: KPI tiles and a stacked downtime chart. Sample data until a CMMS is connected. */
export function Dashboard() {
  const connection = useQuery({ queryKey: ['connection'], queryFn: demoApi.connection });
  const connected = (connection.data?.connection ?? null) !== null;
  const totals = Array.from({ length: WEEKS }, (_, w) =>
    DOWNTIME.reduce((sum, l) => sum + (l.hours[w] ?? 0), 0),
  );
  return (
    <section id="overview" aria-labelledby="overview-title" className="section">
      <div className="section-head">
        <h1 id="overview-title">Plant overview</h1>
        <span className="badge badge-muted">Sample data</span>
        {connected ? null : (
          <a className="btn btn-primary" href="#integrations">
            Connect your CMMS
          </a>
        )}
      </div>
      <ul className="kpis">
        {KPIS.map((k) => (
          <li key={k.id} className="card kpi">
            <span className="kpi-label">{k.label}</span>
            <strong className="kpi-value">{k.value}</strong>
            <span className={`kpi-delta kpi-${k.trend}`}>{k.delta}</span>
          </li>
        ))}
      </ul>
      <figure className="card chart">
        <figcaption>Unplanned downtime by line, last 8 weeks (hours)</figcaption>
        <svg
          viewBox={`0 0 ${WEEKS * STEP} 200`}
          role="img"
          aria-label={`Weekly unplanned downtime totals: ${totals.join(', ')} hours`}
        >
          {Array.from({ length: WEEKS }, (_, w) => {
            let y = 180;
            return (
              <g key={w}>
                {DOWNTIME.map((l, i) => {
                  const h = ((l.hours[w] ?? 0) / MAX_HOURS) * 170;
                  y -= h;
                  return (
                    <rect
                      key={l.line}
                      x={w * STEP + 25}
                      y={y}
                      width={60}
                      height={h}
                      className={`bar bar-${i}`}
                    />
                  );
                })}
                <text x={w * STEP + 55} y={196} textAnchor="middle" className="axis">
                  W{w + 1}
                </text>
              </g>
            );
          })}
        </svg>
        <ul className="legend">
          {DOWNTIME.map((l, i) => (
            <li key={l.line}>
              <span className={`swatch bar-${i}`} aria-hidden="true" />
              {l.line}
            </li>
          ))}
        </ul>
      </figure>
    </section>
  );
}
