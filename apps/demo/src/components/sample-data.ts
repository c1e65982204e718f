/**
 * The numbers the dashboard shows before a CMMS is connected. Plausible for a food plant with four lines;
 * labelled as sample data on the page.
 */
export const KPIS = [
  {
    id: 'mtbf',
    label: 'Mean time between failures',
    value: '412 h',
    delta: '+6% vs last quarter',
    trend: 'up',
  },
  { id: 'mttr', label: 'Mean time to repair', value: '3.8 h', delta: '−0.4 h vs last quarter', trend: 'up' },
  { id: 'pm', label: 'Preventive maintenance compliance', value: '91%', delta: 'Target 95%', trend: 'flat' },
  { id: 'backlog', label: 'Work order backlog', value: '137', delta: '2.6 crew-weeks', trend: 'down' },
] as const;

/** Unplanned downtime in hours per production line, last eight weeks (oldest first). */
export const DOWNTIME = [
  { line: 'Line 1 · Filling', hours: [6, 4, 7, 3, 5, 9, 4, 3] },
  { line: 'Line 2 · Pasteurizing', hours: [2, 3, 2, 8, 3, 2, 2, 1] },
  { line: 'Line 3 · Packaging', hours: [5, 6, 4, 4, 7, 5, 6, 8] },
  { line: 'Line 4 · Palletizing', hours: [1, 2, 1, 1, 3, 1, 2, 1] },
] as const;

export const ASSETS_AT_RISK = [
  {
    tag: 'FL-201',
    name: 'Rotary filler',
    line: 'Line 1',
    signal: 'Bearing vibration 7.1 mm/s (alarm 7.1)',
    risk: 'High',
    due: 'PM overdue 9 days',
  },
  {
    tag: 'CV-330',
    name: 'Case conveyor drive',
    line: 'Line 3',
    signal: '3 trips this week (motor overload)',
    risk: 'High',
    due: 'PM in 2 days',
  },
  {
    tag: 'PS-110',
    name: 'Plate pasteurizer',
    line: 'Line 2',
    signal: 'Outlet temp drift +1.4 °C',
    risk: 'Medium',
    due: 'PM in 11 days',
  },
  {
    tag: 'CP-402',
    name: 'Air compressor #2',
    line: 'Utilities',
    signal: 'Runtime 96% (duty limit 85%)',
    risk: 'Medium',
    due: 'PM in 19 days',
  },
] as const;
