// Ports that deserve a flag when exposed: remote administration and databases. One home for this fact.
// (IANA service names; https://docs.aws.amazon.com/vpc/latest/network-access-analyzer/ lists no built-in port set.)
export interface FlaggedPort {
  port: number;
  service: string;
  kind: 'admin' | 'database';
}

export const FLAGGED_PORTS: readonly FlaggedPort[] = [
  { port: 22, service: 'SSH', kind: 'admin' },
  { port: 23, service: 'Telnet', kind: 'admin' },
  { port: 3389, service: 'RDP', kind: 'admin' },
  { port: 5900, service: 'VNC', kind: 'admin' },
  { port: 5985, service: 'WinRM', kind: 'admin' },
  { port: 5986, service: 'WinRM over HTTPS', kind: 'admin' },
  { port: 1433, service: 'Microsoft SQL Server', kind: 'database' },
  { port: 1521, service: 'Oracle', kind: 'database' },
  { port: 3306, service: 'MySQL/MariaDB', kind: 'database' },
  { port: 5432, service: 'PostgreSQL', kind: 'database' },
  { port: 5439, service: 'Amazon Redshift', kind: 'database' },
  { port: 6379, service: 'Redis', kind: 'database' },
  { port: 9042, service: 'Cassandra', kind: 'database' },
  { port: 9200, service: 'Elasticsearch/OpenSearch', kind: 'database' },
  { port: 11211, service: 'Memcached', kind: 'database' },
  { port: 27017, service: 'MongoDB', kind: 'database' },
];

/** The flagged ports inside a row's port ranges (TCP only: these services listen on TCP). */
export function flaggedIn(protocol: string | number, ports: [number, number][] | null): FlaggedPort[] {
  if (protocol !== 'tcp' && protocol !== 'all') return [];
  return FLAGGED_PORTS.filter((f) => !ports || ports.some(([a, b]) => f.port >= a && f.port <= b));
}
