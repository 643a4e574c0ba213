/** The link types we read (tcpdump.org/linktypes.html), by name. */
export const LinkType = {
  null: 0,
  ethernet: 1,
  raw: 101,
  loop: 108,
  linuxSll: 113,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

export type NetworkPacket = { readonly version: 4 | 6; readonly bytes: Uint8Array };

const etherTypeIpv4 = 0x0800;
const etherTypeIpv6 = 0x86dd;
const etherTypeVlan = [0x8100, 0x88a8, 0x9100];

/** BSD loopback's address family, in the sender's byte order; IPv6 has three values across the BSDs. */
const afInet = 2;
const afInet6 = [10, 24, 28, 30];

/**
 * The IP packet inside a link-layer frame, or why there is none: 'unsupported' for a link type we do not
 * read, 'not-ip' for ARP and the like (not a problem, just not ours).
 */
export function networkPacket(linkType: number, data: Uint8Array): NetworkPacket | 'unsupported' | 'not-ip' {
  switch (linkType) {
    case LinkType.ethernet: {
      let at = 12;
      let type = readUint16(data, at);
      while (etherTypeVlan.includes(type)) {
        at += 4;
        type = readUint16(data, at);
      }
      return byEtherType(type, data.subarray(at + 2));
    }
    case LinkType.linuxSll:
      return byEtherType(readUint16(data, 14), data.subarray(16));
    case LinkType.linuxSll2:
      return byEtherType(readUint16(data, 0), data.subarray(20));
    case LinkType.raw:
    case 12: // DLT_RAW on OpenBSD
    case 14: // DLT_RAW on BSD/OS
      return byVersion(data);
    case LinkType.ipv4:
    case LinkType.ipv6:
      return byVersion(data);
    case LinkType.null:
    case LinkType.loop: {
      if (data.length < 4) return 'not-ip';
      // DLT_NULL is in the capturing host's byte order, DLT_LOOP in network order: try both.
      const big = readUint32(data, 0);
      const little = ((data[3]! << 24) | (data[2]! << 16) | (data[1]! << 8) | data[0]!) >>> 0;
      const family = linkType === LinkType.loop ? big : Math.min(big, little);
      if (family === afInet || afInet6.includes(family)) return byVersion(data.subarray(4));
      return 'not-ip';
    }
    default:
      return 'unsupported';
  }
}

function byEtherType(type: number, rest: Uint8Array): NetworkPacket | 'not-ip' {
  if (type === etherTypeIpv4 || type === etherTypeIpv6) return byVersion(rest);
  return 'not-ip';
}

function byVersion(bytes: Uint8Array): NetworkPacket | 'not-ip' {
  if (bytes.length < 1) return 'not-ip';
  const version = bytes[0]! >> 4;
  return version === 4 || version === 6 ? { version, bytes } : 'not-ip';
}

export function readUint16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

export function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}
