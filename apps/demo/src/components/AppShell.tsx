import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { demoApi } from '../api';

const NAV = [
  {
    href: '#overview',
    label: 'Overview',
    icon: 'M3 13h8V3H3v10zm10 8h8V11h-8v10zM3 21h8v-6H3v6zm10-18v6h8V3h-8z',
  },
  { href: '#assets', label: 'Assets at risk', icon: 'M12 2 1 21h22L12 2zm1 16h-2v-2h2v2zm0-4h-2v-4h2v4z' },
  {
    href: '#integrations',
    label: 'Integrations',
    icon: 'M7 7h4v2H7a3 3 0 0 0 0 6h4v2H7A5 5 0 0 1 7 7zm6 0h4a5 5 0 0 1 0 10h-4v-2h4a3 3 0 0 0 0-6h-4V7zm-5 4h8v2H8v-2z',
  },
  { href: '#events', label: 'Events', icon: 'M4 4h16v2H4V4zm0 5h10v2H4V9zm0 5h16v2H4v-2zm0 5h10v2H4v-2z' },
];

/** The frame of the product: brand, navigation and the signed-in user. */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useQuery({ queryKey: ['me'], queryFn: demoApi.me });
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#overview">
          <svg viewBox="0 0 32 32" aria-hidden="true" width="28" height="28">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M7 22l6-12 5 8 3-4 4 8"
              fill="none"
              stroke="#fff"
              strokeWidth="2.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span>Acme Reliability</span>
        </a>
        <div className="topbar-site">{me.data?.site}</div>
        <div className="user" aria-label="Signed in user">
          <span className="avatar" aria-hidden="true">
            {me.data?.user.name
              .split(' ')
              .map((w) => w[0])
              .join('') ?? '·'}
          </span>
          <span className="user-text">
            <strong>{me.data?.user.name ?? '…'}</strong>
            <small>
              {me.data?.user.role}
              {me.data === undefined ? '' : ` · ${me.data.organization}`}
            </small>
          </span>
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.href}>
              <a href={item.href}>
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                  <path d={item.icon} fill="currentColor" />
                </svg>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
