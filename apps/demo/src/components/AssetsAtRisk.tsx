import { ASSETS_AT_RISK } from './sample-data';

/** The assets most likely to fail next, with the signal behind each. */
export function AssetsAtRisk() {
  return (
    <section id="assets" aria-labelledby="assets-title" className="section">
      <div className="section-head">
        <h2 id="assets-title">Assets at risk</h2>
        <span className="badge badge-muted">Sample data</span>
      </div>
      <div className="card table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Line</th>
              <th scope="col">Signal</th>
              <th scope="col">Risk</th>
              <th scope="col">Maintenance</th>
            </tr>
          </thead>
          <tbody>
            {ASSETS_AT_RISK.map((a) => (
              <tr key={a.tag}>
                <th scope="row">
                  <span className="tag">{a.tag}</span> {a.name}
                </th>
                <td>{a.line}</td>
                <td>{a.signal}</td>
                <td>
                  <span className={`badge ${a.risk === 'High' ? 'badge-danger' : 'badge-warn'}`}>
                    {a.risk}
                  </span>
                </td>
                <td>{a.due}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
