import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network an address belongs to, for burst detection: IPv4 /24 (a.b.c.0/24), IPv6 /64 (the
 * first four groups). IPv4-mapped IPv6 counts as IPv4. Anything else is its own network.
 */
export function networkOf(ip: string): string {
  const v4 = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(ip)) {
    const [head = '', tail = ''] = ip.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = ip.includes('::')
      ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
      : left;
    return `${groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, '').toLowerCase())
      .join(':')}::/64`;
  }
  return ip;
}

/** The address itself, without the IPv4-mapped prefix. */
export function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
}
