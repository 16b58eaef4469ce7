package io.jenkins.plugins.adoworkitems.core.ado;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a strict {@link UrlPolicy} refuses: every block of IANA's special-purpose address registries whose
 * "Globally Reachable" is False or N/A, plus multicast and the deprecated IPv6 site-local prefix, which the registries
 * leave to other registries.
 *
 * <p>Tables as read on 2026-12-04 from https://www.iana.org/assignments/iana-ipv4-special-registry and
 * https://www.iana.org/assignments/iana-ipv6-special-registry (RFC 6890 and its updates). The names are the
 * registries'. The most specific block holding an address decides, so a globally reachable sub-block (AMT inside
 * 2001::/23) is allowed and a named /32 inside a refused /24 is reported by its own name.
 *
 * <p>One choice of ours against the registries: the anycast service addresses 192.0.0.9, 192.0.0.10, 2001:1::1,
 * 2001:1::2 and 2001:1::3 (PCP, TURN, DNS-SD SRP) are "Globally Reachable" there but refused here. Anycast reaches the
 * nearest server, which is the local network's or its provider's gateway, never an Azure DevOps server.
 *
 * <p>An IPv6 address that carries an IPv4 address in a fixed place (IPv4-mapped, IPv4-compatible, NAT64 well-known
 * prefix, 6to4) is judged by that IPv4 address, since a translator or tunnel delivers it there. The local-use NAT64
 * prefix 64:ff9b:1::/48 is refused whole: where its IPv4 address sits depends on the prefix length the network chose
 * (RFC 6052 section 2.2), which the address does not tell. Teredo (2001::/32) is refused whole, as in the registry.
 */
final class SpecialPurposeAddresses {
    private static final String ANYCAST = ", anycast: refused although globally reachable";

    private static final List<Block> IPV4 = List.of(
            Block.refused("0.0.0.0/8", "\"This network\""),
            Block.refused("0.0.0.0/32", "\"This host on this network\""),
            Block.refused("10.0.0.0/8", "Private-Use"),
            Block.refused("100.64.0.0/10", "Shared Address Space"),
            Block.refused("127.0.0.0/8", "Loopback"),
            Block.refused("169.254.0.0/16", "Link Local"),
            Block.refused("172.16.0.0/12", "Private-Use"),
            Block.refused("192.0.0.0/24", "IETF Protocol Assignments"),
            Block.refused("192.0.0.0/29", "IPv4 Service Continuity Prefix"),
            Block.refused("192.0.0.8/32", "IPv4 dummy address"),
            Block.refused("192.0.0.9/32", "Port Control Protocol Anycast" + ANYCAST),
            Block.refused("192.0.0.10/32", "Traversal Using Relays around NAT Anycast" + ANYCAST),
            Block.refused("192.0.0.170/32", "NAT64/DNS64 Discovery"),
            Block.refused("192.0.0.171/32", "NAT64/DNS64 Discovery"),
            Block.refused("192.0.2.0/24", "Documentation (TEST-NET-1)"),
            Block.allowed("192.31.196.0/24", "AS112-v4"),
            Block.allowed("192.52.193.0/24", "AMT"),
            Block.refused("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)"),
            Block.refused("192.168.0.0/16", "Private-Use"),
            Block.allowed("192.175.48.0/24", "Direct Delegation AS112 Service"),
            Block.refused("198.18.0.0/15", "Benchmarking"),
            Block.refused("198.51.100.0/24", "Documentation (TEST-NET-2)"),
            Block.refused("203.0.113.0/24", "Documentation (TEST-NET-3)"),
            Block.refused("224.0.0.0/4", "Multicast (RFC 5771, not in the registry)"),
            Block.refused("240.0.0.0/4", "Reserved"),
            Block.refused("255.255.255.255/32", "Limited Broadcast"));

    private static final List<Block> IPV6 = List.of(
            Block.refused("::1/128", "Loopback Address"),
            Block.refused("::/128", "Unspecified Address"),
            Block.carryingIpv4("::ffff:0:0/96", "IPv4-mapped Address", 12),
            Block.carryingIpv4("::/96", "IPv4-compatible Address (deprecated, RFC 4291, not in the registry)", 12),
            Block.carryingIpv4("64:ff9b::/96", "IPv4-IPv6 Translat.", 12),
            Block.refused("64:ff9b:1::/48", "IPv4-IPv6 Translat. (local use)"),
            Block.refused("100::/64", "Discard-Only Address Block"),
            Block.refused("100:0:0:1::/64", "Dummy IPv6 Prefix"),
            Block.refused("2001::/23", "IETF Protocol Assignments"),
            Block.refused("2001::/32", "TEREDO"),
            Block.refused("2001:1::1/128", "Port Control Protocol Anycast" + ANYCAST),
            Block.refused("2001:1::2/128", "Traversal Using Relays around NAT Anycast" + ANYCAST),
            Block.refused("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast" + ANYCAST),
            Block.refused("2001:2::/48", "Benchmarking"),
            Block.allowed("2001:3::/32", "AMT"),
            Block.allowed("2001:4:112::/48", "AS112-v6"),
            Block.refused("2001:10::/28", "Deprecated (previously ORCHID)"),
            Block.allowed("2001:20::/28", "ORCHIDv2"),
            Block.allowed("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix"),
            Block.refused("2001:db8::/32", "Documentation"),
            Block.carryingIpv4("2002::/16", "6to4", 2),
            Block.allowed("2620:4f:8000::/48", "Direct Delegation AS112 Service"),
            Block.refused("3fff::/20", "Documentation"),
            Block.refused("5f00::/16", "Segment Routing (SRv6) SIDs"),
            Block.refused("fc00::/7", "Unique-Local"),
            Block.refused("fe80::/10", "Link-Local Unicast"),
            Block.refused("fec0::/10", "Site-Local (deprecated, RFC 3879, not in the registry)"),
            Block.refused("ff00::/8", "Multicast (RFC 4291, not in the registry)"));

    private SpecialPurposeAddresses() {
    }

    /**
     * Why the address must not be called, e.g. "127.0.0.0/8 Loopback", or empty when it is globally reachable. An
     * address that carries an IPv4 address names both: "2002::/16 6to4 carrying 10.0.0.1: 10.0.0.0/8 Private-Use".
     */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return mostSpecific(IPV4, bytes).filter(block -> block.verdict() == Verdict.REFUSED).map(Block::toString);
        }
        Optional<Block> found = mostSpecific(IPV6, bytes);
        if (found.isEmpty() || found.get().verdict() == Verdict.ALLOWED) {
            return Optional.empty();
        }
        Block block = found.get();
        if (block.verdict() == Verdict.REFUSED) {
            return Optional.of(block.toString());
        }
        InetAddress ipv4 = ipv4Address(Arrays.copyOfRange(bytes, block.ipv4At(), block.ipv4At() + 4));
        return refusal(ipv4).map(inner -> block + " carrying " + ipv4.getHostAddress() + ": " + inner);
    }

    private static Optional<Block> mostSpecific(List<Block> table, byte[] bytes) {
        BigInteger value = new BigInteger(1, bytes);
        Block best = null;
        for (Block block : table) {
            if (block.contains(value) && (best == null || block.length() > best.length())) {
                best = block;
            }
        }
        return Optional.ofNullable(best);
    }

    private static InetAddress ipv4Address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not four bytes", e);
        }
    }

    private enum Verdict {
        /** Not globally reachable: refused. */
        REFUSED,
        /** Globally reachable, inside a refused block or listed for completeness. */
        ALLOWED,
        /** Judged by the IPv4 address it carries. */
        CARRIES_IPV4
    }

    /**
     * One registry row.
     *
     * @param network the block's first address as an unsigned number, 32 or 128 bits
     * @param bits    32 or 128
     * @param ipv4At  for {@link Verdict#CARRIES_IPV4}, the byte where the carried IPv4 address starts
     */
    private record Block(String cidr, String name, Verdict verdict, BigInteger network, int length, int bits,
            int ipv4At) {
        static Block refused(String cidr, String name) {
            return parse(cidr, name, Verdict.REFUSED, -1);
        }

        static Block allowed(String cidr, String name) {
            return parse(cidr, name, Verdict.ALLOWED, -1);
        }

        static Block carryingIpv4(String cidr, String name, int ipv4At) {
            return parse(cidr, name, Verdict.CARRIES_IPV4, ipv4At);
        }

        private static Block parse(String cidr, String name, Verdict verdict, int ipv4At) {
            int slash = cidr.indexOf('/');
            String literal = cidr.substring(0, slash);
            byte[] bytes = literalBytes(literal);
            int length = Integer.parseInt(cidr.substring(slash + 1));
            BigInteger network = new BigInteger(1, bytes);
            int bits = bytes.length * 8;
            if (length > bits || !network.equals(prefixOf(network, length, bits))) {
                throw new IllegalArgumentException(cidr + " is not the first address of its block");
            }
            return new Block(cidr, name, verdict, network, length, bits, ipv4At);
        }

        /**
         * The literal's bytes. The table holds only literals, which the JDK parses without a name lookup; it turns
         * "::ffff:0:0" into the IPv4 address 0.0.0.0, whose IPv4-mapped form is put back here.
         */
        private static byte[] literalBytes(String literal) {
            try {
                byte[] bytes = InetAddress.getByName(literal).getAddress();
                if (literal.indexOf(':') >= 0 && bytes.length == 4) {
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(bytes, 0, mapped, 12, 4);
                    return mapped;
                }
                return bytes;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal + " is not an address literal", e);
            }
        }

        private static BigInteger prefixOf(BigInteger value, int length, int bits) {
            return value.shiftRight(bits - length).shiftLeft(bits - length);
        }

        boolean contains(BigInteger value) {
            return value.bitLength() <= bits && prefixOf(value, length, bits).equals(network);
        }

        @Override
        public String toString() {
            return cidr + " " + name;
        }
    }
}
