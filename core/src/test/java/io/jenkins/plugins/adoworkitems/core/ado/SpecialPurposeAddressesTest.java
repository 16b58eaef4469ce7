package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every block of the IANA special-purpose registries that the strict policy refuses, with the block the refusal
 * names; addresses are IP literals, so nothing is resolved or contacted.
 */
class SpecialPurposeAddressesTest {
    private static void assertRefusedIn(String host, String block) {
        URI uri = URI.create("https://" + host + "/org");
        assertThatThrownBy(() -> UrlPolicy.strict().check(uri)).isInstanceOfSatisfying(AdoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BASE_URL_BLOCKED))
                .hasMessageContaining("resolves to the internal address ")
                .hasMessageContaining(", in " + block + " (allow private addresses only for an on-premises server)");
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.1.2.3         | 0.0.0.0/8 "This network"
            0.0.0.0         | 0.0.0.0/32 "This host on this network"
            10.1.2.3        | 10.0.0.0/8 Private-Use
            100.64.0.1      | 100.64.0.0/10 Shared Address Space
            100.127.255.254 | 100.64.0.0/10 Shared Address Space
            127.0.0.1       | 127.0.0.0/8 Loopback
            127.255.255.254 | 127.0.0.0/8 Loopback
            169.254.169.254 | 169.254.0.0/16 Link Local
            172.16.5.4      | 172.16.0.0/12 Private-Use
            172.31.255.254  | 172.16.0.0/12 Private-Use
            192.0.0.1       | 192.0.0.0/29 IPv4 Service Continuity Prefix
            192.0.0.8       | 192.0.0.8/32 IPv4 dummy address
            192.0.0.9       | 192.0.0.9/32 Port Control Protocol Anycast, anycast: refused although globally reachable
            192.0.0.10      | 192.0.0.10/32 Traversal Using Relays around NAT Anycast, anycast: refused although globally reachable
            192.0.0.100     | 192.0.0.0/24 IETF Protocol Assignments
            192.0.0.170     | 192.0.0.170/32 NAT64/DNS64 Discovery
            192.0.0.171     | 192.0.0.171/32 NAT64/DNS64 Discovery
            192.0.2.1       | 192.0.2.0/24 Documentation (TEST-NET-1)
            192.88.99.1     | 192.88.99.0/24 Deprecated (6to4 Relay Anycast)
            192.168.0.10    | 192.168.0.0/16 Private-Use
            198.18.0.1      | 198.18.0.0/15 Benchmarking
            198.19.255.254  | 198.18.0.0/15 Benchmarking
            198.51.100.7    | 198.51.100.0/24 Documentation (TEST-NET-2)
            203.0.113.9     | 203.0.113.0/24 Documentation (TEST-NET-3)
            224.0.0.251     | 224.0.0.0/4 Multicast (RFC 5771, not in the registry)
            239.255.255.250 | 224.0.0.0/4 Multicast (RFC 5771, not in the registry)
            240.0.0.1       | 240.0.0.0/4 Reserved
            255.255.255.254 | 240.0.0.0/4 Reserved
            255.255.255.255 | 255.255.255.255/32 Limited Broadcast
            """)
    void ipv4BlocksAreRefused(String address, String block) {
        assertRefusedIn(address, block);
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [::1]                                   | ::1/128 Loopback Address
            [::]                                    | ::/128 Unspecified Address
            [64:ff9b:1::d6b:6b7]                    | 64:ff9b:1::/48 IPv4-IPv6 Translat. (local use)
            [100::1]                                | 100::/64 Discard-Only Address Block
            [100:0:0:1::1]                          | 100:0:0:1::/64 Dummy IPv6 Prefix
            [2001:5::1]                             | 2001::/23 IETF Protocol Assignments
            [2001:1ff:ffff::1]                      | 2001::/23 IETF Protocol Assignments
            [2001:0:4136:e378:8000:63bf:3fff:fdd2]  | 2001::/32 TEREDO
            [2001:0:4136:e378:8000:63bf:f294:f948]  | 2001::/32 TEREDO
            [2001:1::1]                             | 2001:1::1/128 Port Control Protocol Anycast, anycast: refused although globally reachable
            [2001:1::2]                             | 2001:1::2/128 Traversal Using Relays around NAT Anycast, anycast: refused although globally reachable
            [2001:1::3]                             | 2001:1::3/128 DNS-SD Service Registration Protocol Anycast, anycast: refused although globally reachable
            [2001:2::1]                             | 2001:2::/48 Benchmarking
            [2001:10::1]                            | 2001:10::/28 Deprecated (previously ORCHID)
            [2001:db8::1]                           | 2001:db8::/32 Documentation
            [3fff::1]                               | 3fff::/20 Documentation
            [5f00::1]                               | 5f00::/16 Segment Routing (SRv6) SIDs
            [fc00::1]                               | fc00::/7 Unique-Local
            [fd12:3456::1]                          | fc00::/7 Unique-Local
            [fe80::1]                               | fe80::/10 Link-Local Unicast
            [fec0::1]                               | fec0::/10 Site-Local (deprecated, RFC 3879, not in the registry)
            [ff02::1]                               | ff00::/8 Multicast (RFC 4291, not in the registry)
            """)
    void ipv6BlocksAreRefused(String address, String block) {
        assertRefusedIn(address, block);
    }

    @ParameterizedTest(name = "{0} is judged as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [::127.0.0.1]      | ::/96 IPv4-compatible Address (deprecated, RFC 4291, not in the registry) carrying 127.0.0.1: 127.0.0.0/8 Loopback
            [::a9fe:a9fe]      | ::/96 IPv4-compatible Address (deprecated, RFC 4291, not in the registry) carrying 169.254.169.254: 169.254.0.0/16 Link Local
            [64:ff9b::7f00:1]  | 64:ff9b::/96 IPv4-IPv6 Translat. carrying 127.0.0.1: 127.0.0.0/8 Loopback
            [64:ff9b::10.1.2.3]| 64:ff9b::/96 IPv4-IPv6 Translat. carrying 10.1.2.3: 10.0.0.0/8 Private-Use
            [2002:7f00:1::]    | 2002::/16 6to4 carrying 127.0.0.1: 127.0.0.0/8 Loopback
            [2002:c0a8:101::1] | 2002::/16 6to4 carrying 192.168.1.1: 192.168.0.0/16 Private-Use
            [2002:a9fe:a9fe::] | 2002::/16 6to4 carrying 169.254.169.254: 169.254.0.0/16 Link Local
            [::ffff:127.0.0.1] | 127.0.0.0/8 Loopback
            [::ffff:a9fe:a9fe] | 169.254.0.0/16 Link Local
            """)
    void ipv6AddressesCarryingAnIpv4AddressAreJudgedByIt(String address, String block) {
        assertRefusedIn(address, block);
    }

    @Test
    void anIpv4MappedAddressTheJdkKeptAsIpv6IsJudgedByItsIpv4Address() throws Exception {
        // InetAddress.getByName unwraps ::ffff:a.b.c.d; Inet6Address.getByAddress keeps the 16 bytes.
        byte[] mapped = InetAddress.getByName("::ffff:127.0.0.1").getAddress();
        assertThat(mapped).hasSize(4);
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(mapped, 0, bytes, 12, 4);

        assertThat(SpecialPurposeAddresses.refusal(Inet6Address.getByAddress(null, bytes, -1)))
                .contains("::ffff:0:0/96 IPv4-mapped Address carrying 127.0.0.1: 127.0.0.0/8 Loopback");
    }

    @Test
    void aHostNameIsJudgedByTheAddressesItResolvesTo() {
        assertThatThrownBy(() -> UrlPolicy.strict().check(URI.create("https://localhost/org")))
                .isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BASE_URL_BLOCKED))
                .hasMessageContaining("its host localhost resolves to the internal address")
                .hasMessageContaining("Loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13.107.6.183", "13.107.42.16", "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1",
            "172.32.0.1", "192.0.1.1", "198.20.0.1", "223.255.255.254",
            // globally reachable blocks of the IPv4 registry
            "192.31.196.1", "192.52.193.1", "192.175.48.1",
            "[2620:1ec:4::1]", "[2620:1ec:c11::200]", "[2001:4860:4860::8888]", "[2a01:111:f100:2000::a83e:3019]",
            // globally reachable blocks of the IPv6 registry, inside the refused 2001::/23
            "[2001:3::1]", "[2001:4:112::1]", "[2001:20::1]", "[2001:30::1]", "[2620:4f:8000::1]",
            // carrying a public IPv4 address (13.107.6.183)
            "[::d6b:6b7]", "[64:ff9b::d6b:6b7]", "[64:ff9b::13.107.6.183]", "[2002:d6b:6b7::1]",
            "[::ffff:13.107.6.183]"})
    void publicAddressesPass(String address) {
        assertThatCode(() -> UrlPolicy.strict().check(URI.create("https://" + address + "/org")))
                .doesNotThrowAnyException();
    }
}
