package dev.standin.core;

import dev.standin.core.http.Cidr;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void containsAddressesOfItsNetworkOnly() {
        assertTrue(Cidr.parse("172.16.0.0/12").contains("172.17.0.1"));
        assertFalse(Cidr.parse("172.16.0.0/12").contains("172.32.0.1"));
        assertTrue(Cidr.parse("127.0.0.0/8").contains("127.1.2.3"));
        assertTrue(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
        assertTrue(Cidr.parse("10.0.0.0/8").contains("::ffff:10.1.2.3"));
        assertTrue(Cidr.parse("fc00::/7").contains("fd12:3456::1"));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("fd12:3456::1"));
        assertTrue(Cidr.parse("0.0.0.0/0").contains("8.8.8.8"));
        assertFalse(Cidr.parse("10.0.0.0/8").contains("not-an-address"));
    }

    @Test
    void refusesWhatIsNotANetwork() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x"));
    }
}
